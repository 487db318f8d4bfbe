package dev.rappel.security.control;

import dev.rappel.security.entity.SignInFailure;
import dev.rappel.security.entity.SignInThrottle;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The count of failed sign-ins per user and client address, kept in the database so that every
 * instance sees the same count. A try is counted as a failure BEFORE its password is checked (and
 * the count is cleared when it succeeds): concurrent guesses therefore cannot all pass the check of
 * the count, each one moves it by a conditional UPDATE, and none is lost.
 */
@Stateless
public class SignInAttempts {
  private static final int ROUNDS = 20;

  @PersistenceContext EntityManager em;

  /** A concurrent first try of the same pair created its row first: book again. */
  @ApplicationException(rollback = true)
  public static class RaceLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RaceLost(Throwable cause) {
      super("a concurrent sign-in created the same row", cause);
    }
  }

  /**
   * Books a try of {@code username} from {@code address}: empty when it may go ahead (it then
   * counts as a failure until {@link #succeeded}), else how long to wait. Its own transaction,
   * committed before the (slow) password check, so that no lock is held meanwhile.
   *
   * @throws RaceLost when a concurrent first try won: call again
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Duration> book(
      String username, String address, Instant now, SignInThrottle throttle) {
    for (int round = 0; round < ROUNDS; round++) {
      em.clear(); // read the row as committed now, not as read in the previous round
      int userFailures = userFailures(username, throttle.forgottenBefore(now));
      Optional<SignInFailure> row =
          em.createNamedQuery(SignInFailure.OF, SignInFailure.class)
              .setParameter("username", username)
              .setParameter("address", address)
              .getResultStream()
              .findFirst();
      if (row.isEmpty()) {
        try {
          em.persist(new SignInFailure(username, address, now));
          em.flush();
        } catch (PersistenceException duplicate) {
          throw new RaceLost(duplicate);
        }
        return Optional.empty();
      }
      SignInFailure seen = row.get();
      boolean forgotten = throttle.forgets(seen.lastFailureAt(), now);
      int counted = forgotten ? 0 : seen.failures();
      Optional<Duration> wait =
          throttle.waitBeforeNextTry(counted, seen.lastFailureAt(), userFailures, now);
      if (wait.isPresent()) {
        return wait;
      }
      int moved =
          em.createQuery(
                  "UPDATE SignInFailure f SET f.failures = "
                      + (forgotten ? "1" : "f.failures + 1")
                      + ", f.lastFailureAt = :now WHERE f.id = :id AND f.failures = :seen"
                      + " AND f.lastFailureAt = :seenAt")
              .setParameter("now", now)
              .setParameter("id", seen.id())
              .setParameter("seen", seen.failures())
              .setParameter("seenAt", seen.lastFailureAt())
              .executeUpdate();
      if (moved == 1) {
        return Optional.empty();
      }
      // another try moved the count meanwhile: judge again on the new count
    }
    return Optional.of(Duration.ofSeconds(1));
  }

  /** The right password: the pair starts afresh; forgotten failures of everyone are purged. */
  public void succeeded(String username, String address, Instant forgottenBefore) {
    em.createQuery("DELETE FROM SignInFailure f WHERE f.username = :u AND f.clientAddress = :a")
        .setParameter("u", username)
        .setParameter("a", address)
        .executeUpdate();
    em.createQuery("DELETE FROM SignInFailure f WHERE f.lastFailureAt <= :before")
        .setParameter("before", forgottenBefore)
        .executeUpdate();
  }

  /** Failures not yet forgotten, latest first, for admins. */
  public List<SignInFailure> recent(Instant forgottenBefore, int limit) {
    return em.createNamedQuery(SignInFailure.RECENT, SignInFailure.class)
        .setParameter("since", forgottenBefore)
        .setMaxResults(limit)
        .getResultList();
  }

  /** All failures of a user, from every address, not yet forgotten. */
  public int userFailures(String username, Instant forgottenBefore) {
    Number sum =
        em.createNamedQuery(SignInFailure.USER_TOTAL, Number.class)
            .setParameter("username", username)
            .setParameter("since", forgottenBefore)
            .getSingleResult();
    return sum == null ? 0 : sum.intValue();
  }
}
