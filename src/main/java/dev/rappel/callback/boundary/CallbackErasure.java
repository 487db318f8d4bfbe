package dev.rappel.callback.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.phone.entity.PhoneNumber;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Erases customers' personal data from callbacks: those whose retention period is over, or every
 * callback of one number on request. Runs in the caller's transaction, so an erasure across
 * features commits or fails as one; the rules are {@link Callback}'s.
 */
@Stateless
public class CallbackErasure {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /** What one erasure did: the callbacks erased and the interactions they came from. */
  public record Erased(List<Long> callbackIds, List<Long> interactionIds) {}

  /**
   * Erases up to {@code batch} callbacks that ended at least {@code retention} ago, oldest first.
   */
  public Erased erasePastRetention(Duration retention, int batch) {
    List<Callback> due =
        em
            .createNamedQuery(Callback.PAST_RETENTION, Callback.class)
            .setParameter("cutoff", clock.instant().minus(retention))
            .setMaxResults(batch)
            .getResultList()
            .stream()
            .filter(c -> c.isPastRetention(retention, clock))
            .toList();
    String why = "the retention period of " + retention.toDays() + " days is over";
    due.forEach(c -> c.erasePersonalData(clock, Callback.SYSTEM, why));
    em.flush();
    return erased(due);
  }

  /** The ids of the callbacks of {@code number}, erased already or not. */
  public List<Long> idsOf(PhoneNumber number) {
    return em.createNamedQuery(Callback.IDS_OF_NUMBER, Long.class)
        .setParameter("number", number.e164())
        .getResultList();
  }

  /**
   * Erases every callback of {@code number}, whatever its state: one still under way is canceled,
   * since it can no longer be dialled.
   */
  public Erased eraseNumber(PhoneNumber number, String actor) {
    List<Callback> callbacks =
        em.createNamedQuery(Callback.OF_NUMBER, Callback.class)
            .setParameter("number", number.e164())
            .getResultList();
    callbacks.forEach(c -> c.erasePersonalData(clock, actor, "erased on request"));
    em.flush();
    return erased(callbacks);
  }

  private static Erased erased(List<Callback> callbacks) {
    return new Erased(
        callbacks.stream().map(Callback::id).toList(),
        callbacks.stream()
            .map(Callback::interaction)
            .flatMap(Optional::stream)
            .map(i -> i.id())
            .toList());
  }
}
