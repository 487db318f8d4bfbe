package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.ConcurrentChange;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every enterprise bean's interceptor (bound to all of them in {@code ejb-jar.xml}): a use case
 * that loses a version race to a concurrent one ends in {@link ConcurrentChange}, an application
 * exception, however the race surfaced (a flush before a query, or the writes of the transaction).
 * Answered 409 or shown on the page as before, but no longer logged by the container as a system
 * failure with its stack trace: in a contact center two people, or a person and the engine, change
 * the same callback every day, and a log full of traces for that hides the failures that matter.
 *
 * <p>The outermost call of a transaction writes it before returning, so that a race lost in the
 * writes the commit would make is refused here too, inside the transaction; nested calls leave that
 * to it.
 */
public class LostRaces {
  private static final Logger LOG = Logger.getLogger(LostRaces.class.getName());

  /** Marks a transaction whose outermost call is under way. */
  private static final Object OUTERMOST = LostRaces.class;

  @PersistenceContext EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  @AroundInvoke
  public Object refuseLostRace(InvocationContext invocation) throws Exception {
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
      if (e instanceof ConcurrentChange || !ConcurrentChange.isCauseOf(e)) {
        throw e;
      }
      LOG.log(Level.FINE, "Lost a version race; refused as a concurrent change", e);
      throw new ConcurrentChange("It");
    } finally {
      if (outermost) {
        forget();
      }
    }
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
