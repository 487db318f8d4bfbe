package dev.rappel.audit.control;

import dev.rappel.audit.entity.AuditEntry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/** Records an administrative change in the caller's transaction: no change without its record. */
@Dependent
public class Audit {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  public void record(String actor, String action, String target, String detail) {
    em.persist(new AuditEntry(clock.instant(), actor, action, target, detail));
  }

  public List<AuditEntry> latest(int limit) {
    return em.createQuery("SELECT a FROM AuditEntry a ORDER BY a.id DESC", AuditEntry.class)
        .setMaxResults(limit)
        .getResultList();
  }
}
