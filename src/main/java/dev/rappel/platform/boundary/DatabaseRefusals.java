package dev.rappel.platform.boundary;

import dev.rappel.platform.control.DatabaseFailures;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.DatabaseBusy;
import dev.rappel.platform.entity.DatabaseUnavailable;
import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every enterprise bean's interceptor (bound to all of them in {@code ejb-jar.xml}): what the
 * database refuses for a reason that is not a fault of the server ends in an application exception,
 * however it surfaced (a flush before a query, or the writes of the transaction):
 *
 * <ul>
 *   <li>a version race lost to a concurrent use case: {@link ConcurrentChange} (409);
 *   <li>a lock wait or deadlock: {@link DatabaseBusy} (503);
 *   <li>a database that does not answer: {@link DatabaseUnavailable} (503).
 * </ul>
 *
 * Answered or shown on the page as before, but no longer logged by the container as a system
 * failure with its stack trace: two people, or a person and the engine, change the same callback
 * every day, and during a database outage every engine pass and request of every instance failed
 * that way (68 traces in one minute from two instances). Those who handle them log one line, at
 * most once a minute; a log full of traces hides the failures that matter.
 *
 * <p>The outermost call of a transaction writes it before returning, so that a race lost in the
 * writes the commit would make is refused here too, inside the transaction; nested calls leave that
 * to it.
 */
public class DatabaseRefusals {
  private static final Logger LOG = Logger.getLogger(DatabaseRefusals.class.getName());

  /** Marks a transaction whose outermost call is under way. */
  private static final Object OUTERMOST = DatabaseRefusals.class;

  @PersistenceContext EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  @AroundInvoke
  public Object answerRefusals(InvocationContext invocation) throws Exception {
    boolean outermost =
        transactions.getTransactionKey() != null && transactions.getResource(OUTERMOST) == null;
    if (outermost) {
      transactions.putResource(OUTERMOST, Boolean.TRUE);
    }
    try {
      Object result = invocation.proceed();
      if (outermost
          && transactions.getTransactionStatus() == Status.STATUS_ACTIVE
          && em.isJoinedToTransaction()) {
        em.flush();
      }
      return result;
    } catch (RuntimeException e) {
      throw refusal(e);
    } finally {
      if (outermost) {
        forget();
      }
    }
  }

  /**
   * The application exception that answers a failure the database refused for a reason that is not
   * a fault; any other failure, and an application exception already, as it was.
   */
  static RuntimeException refusal(RuntimeException failure) {
    if (isApplicationException(failure)) {
      return failure;
    }
    if (ConcurrentChange.isCauseOf(failure)) {
      LOG.log(Level.FINE, "Lost a version race; refused as a concurrent change", failure);
      return new ConcurrentChange("It");
    }
    if (DatabaseFailures.isBusy(failure)) {
      return new DatabaseBusy(failure);
    }
    if (DatabaseFailures.isUnavailable(failure)) {
      return new DatabaseUnavailable(failure);
    }
    return failure;
  }

  private static boolean isApplicationException(RuntimeException failure) {
    for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
      if (type.isAnnotationPresent(ApplicationException.class)) {
        return true;
      }
    }
    return false;
  }

  /** The transaction may go on with another outermost call (a bean method called from a page). */
  private void forget() {
    try {
      transactions.putResource(OUTERMOST, null);
    } catch (IllegalStateException ended) {
      // the transaction ended meanwhile: nothing is left to forget
    }
  }
}
