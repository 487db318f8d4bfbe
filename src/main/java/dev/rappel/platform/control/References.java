package dev.rappel.platform.control;

import dev.rappel.platform.entity.RuleViolation;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;

/**
 * Records a request names by id in its body (a queue, an agent). An unknown one is a mistake about
 * that field (422 beside the field), not a missing resource (404, which is for ids in the path).
 */
@Dependent
public class References {

  @PersistenceContext EntityManager em;

  public <T> T named(Class<T> type, long id, String field) {
    T found = em.find(type, id);
    if (found == null) {
      throw new RuleViolation(
          field, "No " + type.getSimpleName().toLowerCase(Locale.ROOT) + " has the id " + id + ".");
    }
    return found;
  }
}
