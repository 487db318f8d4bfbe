package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.HistoryEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The outbox side of webhooks: every history row is an event written in the same transaction as the
 * change it records; these steps read the pending ones and record what became of them. The HTTP
 * call happens between the two, outside any transaction.
 */
@Stateless
public class WebhookOutbox {
  public static final int BATCH = 50;

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /** Events not yet delivered whose next try is due, oldest first. */
  public List<PendingEvent> pending() {
    return em
        .createNamedQuery(HistoryEntry.UNPUBLISHED, HistoryEntry.class)
        .setParameter("now", clock.instant())
        .setMaxResults(BATCH)
        .getResultList()
        .stream()
        .map(h -> new PendingEvent(h.id(), CallbackChanged.of(h)))
        .toList();
  }

  /** Records the results: delivered ones are done, the others wait for their backoff. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void record(Map<Long, Boolean> deliveredById) {
    deliveredById.forEach(
        (id, delivered) -> {
          HistoryEntry entry = em.find(HistoryEntry.class, id);
          if (entry == null) {
            return;
          }
          if (delivered) {
            entry.markPublished(clock.instant());
          } else {
            entry.publishFailed(clock.instant());
          }
        });
  }

  /** One event waiting to go out. */
  public record PendingEvent(long rowId, CallbackChanged event) {}
}
