package dev.rappel.security.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import dev.rappel.security.control.Secrets;
import dev.rappel.security.control.SignInAttempts;
import dev.rappel.security.control.VerifiedPasswords;
import dev.rappel.security.entity.ApiToken;
import dev.rappel.security.entity.SignInFailure;
import dev.rappel.security.entity.SignInThrottle;
import dev.rappel.security.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks credentials: passwords (throttled per user and client address, never locked: see {@link
 * SignInThrottle}) and API tokens. Every failure is logged with the user name and client address,
 * never with the password.
 */
@Stateless
public class Logins {
  private static final Logger LOG = Logger.getLogger(Logins.class.getName());

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Secrets secrets;

  @Inject SignInAttempts attempts;

  @Inject VerifiedPasswords verified;

  @Inject
  @ConfigProperty(name = "rappel.login.free-failures", defaultValue = "3")
  int freeFailures;

  @Inject
  @ConfigProperty(name = "rappel.login.first-delay-seconds", defaultValue = "1")
  long firstDelaySeconds;

  @Inject
  @ConfigProperty(name = "rappel.login.max-delay-seconds", defaultValue = "300")
  long maxDelaySeconds;

  @Inject
  @ConfigProperty(name = "rappel.login.user-ceiling", defaultValue = "10")
  int userCeiling;

  @Inject
  @ConfigProperty(name = "rappel.login.forget-after-minutes", defaultValue = "60")
  long forgetAfterMinutes;

  private SignInThrottle throttle;

  @PostConstruct
  void configure() {
    throttle =
        new SignInThrottle(
            freeFailures,
            Duration.ofSeconds(firstDelaySeconds),
            Duration.ofSeconds(maxDelaySeconds),
            userCeiling,
            Duration.ofMinutes(forgetAfterMinutes));
  }

  /**
   * Who signed in, when the credentials are right, at which version of its credentials; a token's
   * scopes and the queues its {@code events:read} is limited to (people: the scopes their roles
   * imply, no limit).
   */
  public record Identity(
      String name,
      Set<Role> roles,
      long credentialsVersion,
      Set<Scope> scopes,
      Set<Long> eventQueues,
      boolean token) {

    /**
     * The container groups: a token's scopes; a person's roles and the scopes they imply (so a
     * person with the INTEGRATION role calls what an INTEGRATION token may). {@code @RolesAllowed}
     * names either.
     */
    public Set<String> groups() {
      Stream<String> scopeRoles = scopes.stream().map(Scope::containerRole);
      return (token ? scopeRoles : Stream.concat(roles.stream().map(Enum::name), scopeRoles))
          .collect(Collectors.toUnmodifiableSet());
    }
  }

  /** The answer to a sign-in. */
  public sealed interface SignIn {}

  /** The right password. */
  public record Accepted(Identity identity) implements SignIn {}

  /** A wrong password or an unknown user (the caller is not told which). */
  public record Refused() implements SignIn {}

  /** Too many failures from this client: not even checked; try again after the wait. */
  public record Throttled(Duration retryAfter) implements SignIn {}

  public SignIn withPassword(String username, String password, String clientAddress) {
    if (!User.isPossibleName(username) || password == null) {
      LOG.warning(
          () ->
              "Sign-in failed for impossible user name '"
                  + printable(username)
                  + "' from "
                  + printable(clientAddress));
      return new Refused();
    }
    String key = VerifiedPasswords.key(username, password);
    Optional<VerifiedPasswords.Verified> recent = verified.find(key, clock.instant());
    if (recent.isPresent()) {
      Optional<User> user = find(username);
      if (user.isPresent() && user.get().isSignedInAt(recent.get().credentialsVersion())) {
        return new Accepted(identity(user.get()));
      }
      verified.forget(username);
    }
    return verified.once(key, () -> check(username, password, clientAddress, key));
  }

  private SignIn check(String username, String password, String address, String key) {
    Instant now = clock.instant();
    Optional<Duration> wait = book(username, address, now);
    if (wait.isPresent()) {
      LOG.fine(
          () ->
              "Sign-in of user '"
                  + username
                  + "' from "
                  + address
                  + " refused unchecked: retry in "
                  + wait.get().toSeconds()
                  + " s");
      return new Throttled(wait.get());
    }
    Optional<User> found = find(username);
    // an unknown user costs the same hash as a real one, so timing does not tell which exist
    String hash = found.map(User::passwordHash).orElseGet(this::dummyHash);
    if (!secrets.verifyPassword(password, hash) || found.isEmpty()) {
      LOG.warning(
          () ->
              "Sign-in failed for "
                  + (found.isEmpty() ? "unknown " : "")
                  + "user '"
                  + username
                  + "' from "
                  + printable(address));
      return new Refused();
    }
    User user = found.get();
    attempts.succeeded(username, address, throttle.forgottenBefore(now));
    if (secrets.isOutdated(user.passwordHash())) {
      // same password, stronger hash; a bulk update leaves the credentials version alone
      em.createQuery(
              "UPDATE User u SET u.passwordHash = :new WHERE u.id = :id AND u.passwordHash = :old")
          .setParameter("new", secrets.hashPassword(password))
          .setParameter("id", user.id())
          .setParameter("old", user.passwordHash())
          .executeUpdate();
      LOG.info(() -> "Password hash of user '" + username + "' upgraded to the current strength");
    }
    verified.remember(key, username, user.credentialsVersion(), now);
    return new Accepted(identity(user));
  }

  /**
   * Books a try of other credentials (an OAuth client's secret) under the same throttle as
   * passwords: empty when it may be checked now (it counts as a failure until {@link
   * #otherSucceeded}), else how long to wait.
   */
  public Optional<Duration> bookOther(String key, String address) {
    return book(key, address, clock.instant());
  }

  /** The credentials booked by {@link #bookOther} were right: the pair starts afresh. */
  public void otherSucceeded(String key, String address) {
    attempts.succeeded(key, address, throttle.forgottenBefore(clock.instant()));
  }

  private Optional<Duration> book(String username, String address, Instant now) {
    for (int round = 0; ; round++) {
      try {
        return attempts.book(username, address, now, throttle);
      } catch (SignInAttempts.RaceLost raceLost) {
        if (round >= 3) {
          return Optional.of(Duration.ofSeconds(1));
        }
      }
    }
  }

  /** The identity of an active token (neither revoked nor expired); records its use. */
  public Optional<Identity> withToken(String token) {
    Instant now = clock.instant();
    Optional<ApiToken> found =
        em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
            .setParameter("hash", Secrets.hashToken(token))
            .getResultStream()
            .filter(t -> t.isActiveAt(now))
            .findFirst();
    found
        .filter(t -> t.lastUseOutdatedAt(now))
        .ifPresent(
            t ->
                // conditional: of concurrent first uses in a minute one writes, the rest match none
                em.createNamedQuery(ApiToken.MARK_USED)
                    .setParameter("now", now)
                    .setParameter("id", t.id())
                    .setParameter("before", now.minus(ApiToken.LAST_USE_PRECISION))
                    .executeUpdate());
    return found.map(
        t ->
            new Identity(
                t.callerName(),
                t.scopes().contains(Scope.ADMIN) ? Set.of(Role.ADMIN) : Set.of(),
                0,
                t.scopes(),
                t.eventQueues(),
                true));
  }

  /** Whether a console session signed in at that credentials version may go on. */
  public boolean isCurrent(String username, long credentialsVersion) {
    return find(username).filter(u -> u.isSignedInAt(credentialsVersion)).isPresent();
  }

  /** Failed sign-ins not yet forgotten, latest first (admins). */
  public List<SignInFailure> recentFailures(Caller by) {
    by.requireAdmin();
    return attempts.recent(throttle.forgottenBefore(clock.instant()), 200);
  }

  private Optional<User> find(String username) {
    return em.createNamedQuery(User.BY_NAME, User.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  private static Identity identity(User user) {
    return new Identity(
        user.username(),
        user.roles(),
        user.credentialsVersion(),
        Scope.impliedBy(user.roles()),
        Set.of(),
        false);
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
