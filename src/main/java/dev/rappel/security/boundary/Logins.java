package dev.rappel.security.boundary;

import dev.rappel.platform.entity.Role;
import dev.rappel.security.control.Secrets;
import dev.rappel.security.entity.ApiToken;
import dev.rappel.security.entity.User;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks credentials: passwords (with lockout after repeated failures) and API tokens. Every
 * failure is logged with the user name, never with the password.
 */
@Stateless
public class Logins {
  private static final Logger LOG = Logger.getLogger(Logins.class.getName());

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Secrets secrets;

  @Inject
  @ConfigProperty(name = "rappel.login.max-failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "rappel.login.lock-minutes", defaultValue = "15")
  int lockMinutes;

  /** Who signed in, when the credentials are right. */
  public record Identity(String name, Set<Role> roles) {}

  /** Its own transaction: a failed attempt is counted even though the request fails. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Identity> withPassword(String username, String password) {
    Optional<User> found =
        em.createNamedQuery(User.BY_NAME, User.class)
            .setParameter("username", username)
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      // same work as a real check, so timing does not tell which user names exist
      secrets.verifyPassword(password, dummyHash());
      LOG.warning(() -> "Sign-in failed for unknown user '" + printable(username) + "'");
      return Optional.empty();
    }
    User user = found.get();
    Instant now = clock.instant();
    if (user.isLockedAt(now)) {
      LOG.warning(
          () ->
              "Sign-in refused for user '"
                  + user.username()
                  + "': locked until "
                  + user.lockedUntil().orElseThrow());
      return Optional.empty();
    }
    if (!secrets.verifyPassword(password, user.passwordHash())) {
      boolean locked = user.recordFailedLogin(now, maxFailures, Duration.ofMinutes(lockMinutes));
      LOG.warning(
          () ->
              "Sign-in failed for user '"
                  + user.username()
                  + "'"
                  + (locked
                      ? "; locked for "
                          + lockMinutes
                          + " minutes after "
                          + maxFailures
                          + " failures"
                      : ""));
      return Optional.empty();
    }
    user.recordSuccessfulLogin();
    return Optional.of(new Identity(user.username(), user.roles()));
  }

  public Optional<Identity> withToken(String token) {
    return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
        .setParameter("hash", Secrets.hashToken(token))
        .getResultStream()
        .filter(ApiToken::isActive)
        .findFirst()
        .map(t -> new Identity(t.callerName(), Set.of(t.role())));
  }

  private static String printable(String text) {
    String clean = text == null ? "" : text.replaceAll("[^\\p{Print}]", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
  }

  private static volatile String dummyHash;

  private String dummyHash() {
    if (dummyHash == null) {
      dummyHash = secrets.hashPassword(Secrets.newPassword());
    }
    return dummyHash;
  }
}
