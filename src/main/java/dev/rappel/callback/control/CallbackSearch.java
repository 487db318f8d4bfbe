package dev.rappel.callback.control;

import dev.rappel.callback.entity.Callback;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;

/**
 * Filtered, paged reads of callbacks, ordered by due time (then id, so pages are stable). Each
 * filter maps to an indexed column.
 */
@Dependent
public class CallbackSearch {

  @PersistenceContext EntityManager em;

  /** One page of callbacks and the total that match. */
  public record Page(List<Callback> items, long total) {}

  public Page find(CallbackFilter filter, int page, int size) {
    long total = count(filter);
    return new Page(total == 0 ? List.of() : items(filter, page, size), total);
  }

  public long count(CallbackFilter filter) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Long> count = cb.createQuery(Long.class);
    Root<Callback> countRoot = count.from(Callback.class);
    count.select(cb.count(countRoot)).where(predicates(cb, countRoot, filter));
    return em.createQuery(count).getSingleResult();
  }

  /** One page, without counting the whole result (for callers that counted already). */
  public List<Callback> items(CallbackFilter filter, int page, int size) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Callback> select = cb.createQuery(Callback.class);
    Root<Callback> root = select.from(Callback.class);
    select
        .select(root)
        .where(predicates(cb, root, filter))
        .orderBy(cb.asc(root.get("scheduledAt")), cb.asc(root.get("id")));
    return em.createQuery(select).setFirstResult(page * size).setMaxResults(size).getResultList();
  }

  private static Predicate[] predicates(
      CriteriaBuilder cb, Root<Callback> root, CallbackFilter filter) {
    List<Predicate> where = new ArrayList<>();
    if (!filter.states().isEmpty()) {
      where.add(root.get("state").in(filter.states()));
    }
    filter.queueId().ifPresent(id -> where.add(cb.equal(root.get("queue").get("id"), id)));
    filter
        .agentId()
        .ifPresent(
            id ->
                where.add(
                    cb.or(
                        cb.equal(root.join("owner", JoinType.LEFT).get("id"), id),
                        cb.equal(root.join("preferredAgent", JoinType.LEFT).get("id"), id),
                        cb.equal(root.join("scheduledBy", JoinType.LEFT).get("id"), id))));
    filter
        .from()
        .ifPresent(from -> where.add(cb.greaterThanOrEqualTo(root.get("scheduledAt"), from)));
    filter.to().ifPresent(to -> where.add(cb.lessThan(root.get("scheduledAt"), to)));
    filter
        .phoneNumber()
        .ifPresent(number -> where.add(cb.like(root.get("phoneNumber"), number + "%")));
    filter
        .ofAgent()
        .ifPresent(
            id ->
                where.add(
                    cb.or(
                        cb.equal(root.join("owner", JoinType.LEFT).get("id"), id),
                        cb.equal(root.join("scheduledBy", JoinType.LEFT).get("id"), id))));
    filter.createdBy().ifPresent(creator -> where.add(cb.equal(root.get("createdBy"), creator)));
    return where.toArray(Predicate[]::new);
  }
}
