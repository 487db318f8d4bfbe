package dev.rappel.compliance.control;

import dev.rappel.compliance.entity.ComplianceCheck;
import dev.rappel.compliance.entity.ContactPolicy;
import dev.rappel.compliance.entity.Destination;
import dev.rappel.compliance.entity.DncEntry;
import dev.rappel.compliance.entity.Verdict;
import dev.rappel.phone.entity.PhoneNumber;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a call against a queue's contact policy and the do-not-call list, and keeps the evidence
 * of each check; the callers (booking, the engine) supply the number's earlier attempts and act on
 * the verdict in their own transaction.
 */
@Dependent
public class ComplianceChecks {

  @PersistenceContext EntityManager em;

  /** The number's do-not-call entry, if it has one (expired or not). */
  public Optional<DncEntry> listing(PhoneNumber number) {
    return em.createNamedQuery(DncEntry.OF_NUMBER, DncEntry.class)
        .setParameter("number", number.e164())
        .getResultStream()
        .findFirst();
  }

  public Verdict check(
      ContactPolicy policy,
      PhoneNumber number,
      Destination destination,
      Instant at,
      boolean consented,
      List<Instant> attempts) {
    return policy.check(at, destination, consented, listing(number), attempts);
  }

  /** Keeps the evidence of a check of a callback. */
  public void record(
      long callbackId, ComplianceCheck.Stage stage, Verdict verdict, Instant now, String actor) {
    em.persist(new ComplianceCheck(callbackId, stage, verdict, now, actor));
  }

  /** The evidence kept for a callback, oldest first. */
  public List<ComplianceCheck> of(long callbackId) {
    return em.createNamedQuery(ComplianceCheck.OF_CALLBACK, ComplianceCheck.class)
        .setParameter("callback", callbackId)
        .getResultList();
  }
}
