package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;
import java.sql.SQLException;

/**
 * Someone else changed the same thing between this request's read and its write, and the version
 * check refused the second write: a conflict (409) that reading again resolves, never a server
 * error.
 */
@ApplicationException(rollback = true)
public class ConcurrentChange extends Conflict {
  private static final String ECLIPSELINK_OPTIMISTIC_LOCK =
      "org.eclipse.persistence.exceptions.OptimisticLockException";

  /**
   * @param what what changed, as the sentence's subject ("Callback 12")
   */
  public ConcurrentChange(String what) {
    super(
        what
            + " was changed by someone else meanwhile; read it again and repeat the change if it"
            + " still applies.");
  }

  /**
   * Whether a failure comes from a lost version race: JPA's or EclipseLink's optimistic lock
   * exception anywhere in its chain of causes, however the container wrapped it (a rolled-back
   * transaction surfaces as an {@code EJBException} or a {@code RollbackException}).
   */
  public static boolean isCauseOf(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 50; t = next(t), depth++) {
      if (t instanceof ConcurrentChange
          || t instanceof jakarta.persistence.OptimisticLockException
          || t.getClass().getName().equals(ECLIPSELINK_OPTIMISTIC_LOCK)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lost race behind a failed use case, for a page to tell the person; any other failure is
   * thrown on as it was.
   */
  public static ConcurrentChange behind(RuntimeException failure) {
    if (failure instanceof ConcurrentChange change) {
      return change;
    }
    if (!isCauseOf(failure)) {
      throw failure;
    }
    return new ConcurrentChange("It");
  }

  private static Throwable next(Throwable t) {
    Throwable cause = t.getCause();
    if (cause == null && t instanceof SQLException sql) {
      cause = sql.getNextException();
    }
    return cause == t ? null : cause;
  }
}
