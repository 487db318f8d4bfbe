package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.HistoryEntry;
import dev.rappel.events.entity.EventId;
import dev.rappel.platform.control.SqlDialect;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.function.Predicate;

/**
 * The steps recorded after the one a reconnecting SSE client saw last, from the callback history,
 * in the order they were recorded. Best effort: two steps committed at once may be recorded in the
 * other order, and an unknown id replays nothing.
 */
@Stateless
public class MissedEvents {
  @PersistenceContext EntityManager em;

  @Inject SqlDialect dialect;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<CallbackChanged> after(EventId last, Predicate<CallbackChanged> wanted, int max) {
    List<HistoryEntry> seen =
        em.createQuery(
                "select h from HistoryEntry h where h.callback.id = :callback"
                    + " and h.sequence = :sequence",
                HistoryEntry.class)
            .setParameter("callback", last.callbackId())
            .setParameter("sequence", last.sequence())
            .getResultList();
    if (seen.isEmpty()) {
      return List.of();
    }
    HistoryEntry after = seen.get(0);
    return recordedAfter(after)
        .setMaxResults(max)
        .getResultStream()
        .map(CallbackChanged::of)
        .filter(wanted)
        .toList();
  }

  private TypedQuery<HistoryEntry> recordedAfter(HistoryEntry after) {
    if (dialect.historyIdsFollowRecording()) {
      // through the primary key: Derby keeps no index on the time (a burst writes one row per
      // callback, and each index entry was a sixth of its cost)
      return em.createQuery(
              "select h from HistoryEntry h where h.id > :id order by h.id", HistoryEntry.class)
          .setParameter("id", after.id());
    }
    // by time, then id: instances take id blocks side by side (an instance's block may be below a
    // block another took earlier), so ids do not follow the order of recording
    return em.createQuery(
            "select h from HistoryEntry h where h.at > :at or (h.at = :at and h.id > :id)"
                + " order by h.at, h.id",
            HistoryEntry.class)
        .setParameter("at", after.at())
        .setParameter("id", after.id());
  }
}
