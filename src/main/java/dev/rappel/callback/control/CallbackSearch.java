package dev.rappel.callback.control;

import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.Involvement;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Filtered, paged reads of callbacks, ordered by due time (then id, so pages are stable) unless a
 * whitelisted order is asked for, each narrowed to what the reader may see ({@link
 * CallbackAccess}). Each filter maps to an indexed column; counts are grouped queries that load no
 * entity.
 */
@Dependent
public class CallbackSearch {
  @PersistenceContext EntityManager em;

  /**
   * How far a list counts its matches. Past it the total is a lower bound: counting a million rows
   * to print "of 1,000,000" would cost a read of each (hundreds of ms on Derby) on every page,
   * where a person pages through the first few hundred and narrows the filter instead.
   */
  @Inject
  @ConfigProperty(name = "rappel.list.count-limit", defaultValue = "10000")
  int countLimit;

  /**
   * One page of callbacks and how many match: exactly, or at least {@code total} when {@code exact}
   * is false (more than the count limit).
   */
  public record Page(List<Callback> items, long total, boolean exact) {}

  /** How many callbacks match: exactly, or at least {@code value} when there are more. */
  public record Count(long value, boolean exact) {

    /** The count of {@code found} rows read with a limit of {@code limit} + 1. */
    static Count of(int found, int limit) {
      return found > limit ? new Count(limit, false) : new Count(found, true);
    }
  }

  /** The columns a list may be ordered by; anything else is not sortable. */
  public enum SortKey {
    DUE,
    CUSTOMER,
    NUMBER,
    QUEUE,
    OWNER,
    STATE,
    ATTEMPTS
  }

  /** An order of the list; ties are always broken by id, in the same direction. */
  public record Sort(SortKey key, boolean descending) {
    public static Sort byDueTime() {
      return new Sort(SortKey.DUE, false);
    }
  }

  /** One line of the supervisor's table: just the columns it shows, no entity. */
  public record Line(
      long id,
      String customerName,
      String phoneNumber,
      ZoneId timeZone,
      Instant scheduledAt,
      String queueName,
      String ownerName,
      String assignedAgentName,
      CallbackState state,
      int attempts) {}

  public Page find(CallbackFilter filter, CallbackAccess access, int page, int size) {
    Count total = count(filter, access);
    return new Page(
        total.value() == 0 ? List.of() : items(filter, access, page, size),
        total.value(),
        total.exact());
  }

  /**
   * Counts up to the count limit and stops there: the database reads at most that many matching
   * rows (a {@code FETCH FIRST}), so the cost does not grow with the table.
   */
  public Count count(CallbackFilter filter, CallbackAccess access) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<CallbackState> matches = cb.createQuery(CallbackState.class);
    Root<Callback> root = matches.from(Callback.class);
    // the state, not the id: a state filter is answered from the (state, due_at) index alone
    // (Derby's secondary indexes do not hold the primary key)
    matches.select(root.get("state")).where(predicates(cb, matches, root, filter, access));
    int limit =
        Math.max(countLimit, 1); // a limit below one would read nothing and say "at least 0"
    int found = em.createQuery(matches).setMaxResults(limit + 1).getResultList().size();
    return Count.of(found, limit);
  }

  private List<Callback> items(CallbackFilter filter, CallbackAccess access, int page, int size) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Callback> select = cb.createQuery(Callback.class);
    Root<Callback> root = select.from(Callback.class);
    select
        .select(root)
        .where(predicates(cb, select, root, filter, access))
        .orderBy(cb.asc(root.get("scheduledAt")), cb.asc(root.get("id")));
    return em.createQuery(select).setFirstResult(page * size).setMaxResults(size).getResultList();
  }

  /**
   * The lines from {@code first} on, in the order asked for. Two steps: the ids of the page, from
   * the callback table alone (so the default order walks the due-time index instead of sorting
   * every joined row), then the columns of just those rows.
   */
  public List<Line> lines(
      CallbackFilter filter, CallbackAccess access, Sort sort, int first, int size) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Long> page = cb.createQuery(Long.class);
    Root<Callback> pageRoot = page.from(Callback.class);
    page.select(pageRoot.get("id"))
        .where(predicates(cb, page, pageRoot, filter, access))
        .orderBy(order(cb, sort, pageRoot));
    List<Long> ids = em.createQuery(page).setFirstResult(first).setMaxResults(size).getResultList();
    return linesOf(ids);
  }

  /**
   * Up to {@code size} lines in due-time order that come after {@code after} (from the start when
   * it is null): keyset paging, so that each page of a long export costs the same however deep it
   * is, where an offset would skip ever more rows.
   */
  public List<Line> linesAfter(CallbackFilter filter, CallbackAccess access, Line after, int size) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Long> page = cb.createQuery(Long.class);
    Root<Callback> root = page.from(Callback.class);
    List<Predicate> where = new ArrayList<>(List.of(predicates(cb, page, root, filter, access)));
    if (after != null) {
      Path<Instant> due = root.get("scheduledAt");
      where.add(
          cb.or(
              cb.greaterThan(due, after.scheduledAt()),
              cb.and(
                  cb.equal(due, after.scheduledAt()), cb.greaterThan(root.get("id"), after.id()))));
    }
    page.select(root.get("id"))
        .where(where.toArray(Predicate[]::new))
        .orderBy(order(cb, Sort.byDueTime(), root));
    return linesOf(em.createQuery(page).setMaxResults(size).getResultList());
  }

  /** The columns of these callbacks, in the order of the ids. */
  private List<Line> linesOf(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Tuple> select = cb.createTupleQuery();
    Root<Callback> root = select.from(Callback.class);
    Join<Callback, ?> queue = root.join("queue");
    Join<Callback, ?> owner = root.join("owner", JoinType.LEFT);
    Join<Callback, ?> assigned = root.join("assignedAgent", JoinType.LEFT);
    select
        .multiselect(
            root.get("id"),
            root.get("customerName"),
            root.get("phoneNumber"),
            root.get("timeZone"),
            root.get("scheduledAt"),
            queue.get("name"),
            owner.get("name"),
            assigned.get("name"),
            root.get("state"),
            root.get("attemptCount"))
        .where(root.get("id").in(ids));
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    return em.createQuery(select).getResultList().stream()
        .map(
            t ->
                new Line(
                    (Long) t.get(0),
                    (String) t.get(1),
                    (String) t.get(2),
                    (ZoneId) t.get(3),
                    (Instant) t.get(4),
                    (String) t.get(5),
                    (String) t.get(6),
                    (String) t.get(7),
                    (CallbackState) t.get(8),
                    ((Number) t.get(9)).intValue()))
        .sorted(Comparator.comparing((Line line) -> position.get(line.id())))
        .toList();
  }

  private static List<Order> order(CriteriaBuilder cb, Sort sort, Root<Callback> root) {
    Expression<?> column =
        switch (sort.key()) {
          case DUE -> root.get("scheduledAt");
          case CUSTOMER -> root.get("customerName");
          case NUMBER -> root.get("phoneNumber");
          case QUEUE -> root.join("queue").get("name");
          case OWNER -> root.join("owner", JoinType.LEFT).get("name");
          case STATE -> root.get("state");
          case ATTEMPTS -> root.get("attemptCount");
        };
    if (sort.descending()) {
      return List.of(cb.desc(column), cb.desc(root.get("id")));
    }
    return List.of(cb.asc(column), cb.asc(root.get("id")));
  }

  /** How many callbacks are in each state: one grouped query over the (state, due_at) index. */
  public Map<CallbackState, Long> countsByState() {
    Map<CallbackState, Long> counts = new EnumMap<>(CallbackState.class);
    for (CallbackState state : CallbackState.values()) {
      counts.put(state, 0L);
    }
    em.createQuery(
            "SELECT c.state, COUNT(c.state) FROM Callback c GROUP BY c.state", Object[].class)
        .getResultList()
        .forEach(row -> counts.put((CallbackState) row[0], ((Number) row[1]).longValue()));
    return counts;
  }

  /** How many callbacks wait for a time (first or next attempt) in {@code [from, to)}. */
  public long dueBetween(Instant from, Instant to) {
    return em.createQuery(
            // COUNT of the state, not of the entity (its id): the (state, due_at) index answers
            "SELECT COUNT(c.state) FROM Callback c WHERE c.state IN :waiting"
                + " AND c.dueAt >= :from AND c.dueAt < :to",
            Long.class)
        .setParameter("waiting", CallbackState.WAITING_FOR_TIME)
        .setParameter("from", from)
        .setParameter("to", to)
        .getSingleResult();
  }

  /** Owned callbacks still waiting whose ownership alert is due at {@code now} (sent or not). */
  public long ownershipsEndingAt(Instant now) {
    return em.createQuery(
            "SELECT COUNT(c) FROM Callback c WHERE c.owner IS NOT NULL AND c.state IN :waiting"
                + " AND c.ownershipAlertAt <= :now",
            Long.class)
        .setParameter("waiting", CallbackState.WAITING)
        .setParameter("now", now)
        .getSingleResult();
  }

  /**
   * How many callbacks come due in each of {@code hours} consecutive hours from {@code start}: one
   * grouped query over the (state, due_at) index, buckets computed by the database from the epoch
   * milliseconds the column holds.
   */
  public long[] duePerHour(Instant start, int hours) {
    long hour = Duration.ofHours(1).toMillis();
    long from = start.toEpochMilli();
    long[] counts = new long[hours];
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT bucket, COUNT(*) FROM (SELECT (due_at - ?) / "
                    + hour
                    + " AS bucket FROM callback WHERE state IN ("
                    + CallbackState.sqlLiterals(CallbackState.WAITING_FOR_TIME)
                    + ") AND due_at >= ? AND due_at < ?) due GROUP BY bucket")
            .setParameter(1, from)
            .setParameter(2, from)
            .setParameter(3, from + hours * hour)
            .getResultList();
    for (Object[] row : rows) {
      int bucket = ((Number) row[0]).intValue();
      if (bucket >= 0 && bucket < hours) {
        counts[bucket] = ((Number) row[1]).longValue();
      }
    }
    return counts;
  }

  private static Predicate[] predicates(
      CriteriaBuilder cb,
      AbstractQuery<?> query,
      Root<Callback> root,
      CallbackFilter filter,
      CallbackAccess access) {
    List<Predicate> where = new ArrayList<>();
    if (!filter.states().isEmpty()) {
      where.add(root.get("state").in(filter.states()));
    }
    filter.queueId().ifPresent(id -> where.add(cb.equal(root.get("queue").get("id"), id)));
    filter.agentId().ifPresent(id -> where.add(Involvement.anyWay(cb, query, root, id)));
    filter
        .from()
        .ifPresent(from -> where.add(cb.greaterThanOrEqualTo(root.get("scheduledAt"), from)));
    filter.to().ifPresent(to -> where.add(cb.lessThan(root.get("scheduledAt"), to)));
    filter
        .phoneNumber()
        .ifPresent(number -> where.add(cb.like(root.get("phoneNumber"), number + "%")));
    access.restrict(cb, query, root).ifPresent(where::add);
    return where.toArray(Predicate[]::new);
  }
}
