package dev.rappel.delivery.control;

import dev.rappel.callback.entity.Attempt;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dial outbox's reads and claims: attempts whose dial request the telephony platform has not
 * taken yet. A claim is a conditional UPDATE of the attempt's lease, so of several instances
 * exactly one sends a request at a time, and a request whose attempt has ended is never claimed.
 */
@Dependent
public class PendingDials {

  @PersistenceContext EntityManager em;

  /** Requests due for a (next) try whose lease is free, oldest first. */
  public List<Long> due(Instant now, int limit) {
    return em.createQuery(
            "SELECT a.id FROM Attempt a WHERE a.dialNextTryAt <= :now AND a.endedAt IS NULL"
                + " AND a.dialedAt IS NULL AND a.dialLeaseUntil <= :now ORDER BY a.dialNextTryAt",
            Long.class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Takes the request for {@code leaseUntil}, if it is still pending and nobody holds it: true when
   * this caller won it.
   */
  public boolean claim(long attemptId, Instant now, Instant leaseUntil) {
    return em.createQuery(
                "UPDATE Attempt a SET a.dialLeaseUntil = :until WHERE a.id = :id"
                    + " AND a.dialLeaseUntil <= :now AND a.endedAt IS NULL AND a.dialedAt IS NULL")
            .setParameter("until", leaseUntil)
            .setParameter("id", attemptId)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  /** Requests that waited longer than the delivery timeout without being taken. */
  public List<Attempt> overdue(Instant startedBefore, int limit) {
    return em.createQuery(
            "SELECT a FROM Attempt a WHERE a.dialNextTryAt IS NOT NULL AND a.endedAt IS NULL"
                + " AND a.dialedAt IS NULL AND a.startedAt <= :before ORDER BY a.startedAt",
            Attempt.class)
        .setParameter("before", startedBefore)
        .setMaxResults(limit)
        .getResultList();
  }

  public Optional<Attempt> byDialId(String dialId) {
    return em.createQuery("SELECT a FROM Attempt a WHERE a.dialId = :dialId", Attempt.class)
        .setParameter("dialId", dialId)
        .getResultStream()
        .findFirst();
  }
}
