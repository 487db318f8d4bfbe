package dev.rappel.security.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Scope;
import dev.rappel.security.control.Secrets;
import dev.rappel.security.entity.ApiToken;
import dev.rappel.security.entity.OAuthClient;
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
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * OAuth 2.0 clients (client credentials grant) and the access tokens they get: an access token is
 * an expiring {@link ApiToken} of its client, so scopes, expiry and revocation work as for every
 * token, and deleting a client revokes its tokens. Client authentication is throttled like
 * sign-ins. Creating and deleting clients is for admins, and audited.
 */
@Stateless
public class OAuthClients {
  private static final Logger LOG = Logger.getLogger(OAuthClients.class.getName());

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Audit audit;

  @Inject Logins logins;

  @Inject
  @ConfigProperty(name = "rappel.oauth.token-seconds", defaultValue = "3600")
  long tokenSeconds;

  /** A new client and, this one time only, its secret. */
  public record Created(OAuthClient client, String secret) {}

  /** The answer to a token request. */
  public sealed interface Grant {}

  /** A new access token, valid for {@code expiresIn}. */
  public record Granted(String accessToken, Duration expiresIn, Set<Scope> scopes)
      implements Grant {}

  /** Unknown client, deleted client or wrong secret (the caller is not told which). */
  public record UnknownClient() implements Grant {}

  /** Too many failures of this client from this address: not even checked. */
  public record Throttled(Duration retryAfter) implements Grant {}

  /** The client asked for a scope it does not hold. */
  public record ScopeNotHeld() implements Grant {}

  public Created create(String name, Set<Scope> scopes, Caller by) {
    by.requireAdmin();
    String secret = Secrets.newToken();
    OAuthClient client =
        new OAuthClient(
            UUID.randomUUID().toString(),
            name,
            scopes,
            Secrets.hashToken(secret),
            clock.instant(),
            by.name());
    em.persist(client);
    em.flush();
    audit.record(
        by.name(),
        "OAUTH_CLIENT_CREATED",
        "oauth-client:" + client.clientId(),
        "'" + client.name() + "', scopes " + client.scopes().stream().map(Scope::wire).toList());
    return new Created(client, secret);
  }

  public List<OAuthClient> all() {
    return em.createNamedQuery(OAuthClient.ACTIVE, OAuthClient.class).getResultList();
  }

  /** Deletes the client and revokes every token it was issued. */
  public void delete(String clientId, Caller by) {
    by.requireAdmin();
    OAuthClient client =
        find(clientId)
            .filter(c -> !c.isDeleted())
            .orElseThrow(() -> new NotFound("OAuth client", clientId));
    Instant now = clock.instant();
    client.delete(now);
    int revoked =
        em.createNamedQuery(ApiToken.REVOKE_OF_CLIENT)
            .setParameter("now", now)
            .setParameter("client", client.id())
            .executeUpdate();
    audit.record(
        by.name(),
        "OAUTH_CLIENT_DELETED",
        "oauth-client:" + client.clientId(),
        revoked + " token(s) revoked");
  }

  /**
   * The client credentials grant: checks the client (throttled like a password) and issues a token
   * with its scopes, or the {@code requested} ones when given.
   */
  public Grant issueToken(
      String clientId, String secret, Set<Scope> requested, String clientAddress) {
    String key = throttleKey(clientId);
    Optional<Duration> wait = logins.bookOther(key, clientAddress);
    if (wait.isPresent()) {
      return new Throttled(wait.get());
    }
    Optional<OAuthClient> client =
        find(clientId)
            .filter(c -> !c.isDeleted())
            .filter(c -> c.hasSecretHash(Secrets.hashToken(secret)));
    if (client.isEmpty()) {
      LOG.warning(
          () -> "OAuth client authentication failed for '" + key + "' from " + clientAddress);
      return new UnknownClient();
    }
    logins.otherSucceeded(key, clientAddress);
    Optional<Set<Scope>> scopes = client.get().scopesFor(requested);
    if (scopes.isEmpty()) {
      return new ScopeNotHeld();
    }
    String token = Secrets.newToken();
    Instant now = clock.instant();
    Duration lifetime = Duration.ofSeconds(tokenSeconds);
    em.persist(
        ApiToken.accessToken(
            client.get(), scopes.get(), now.plus(lifetime), Secrets.hashToken(token), now));
    return new Granted(token, lifetime, scopes.get());
  }

  private Optional<OAuthClient> find(String clientId) {
    return em.createNamedQuery(OAuthClient.BY_CLIENT_ID, OAuthClient.class)
        .setParameter("clientId", clientId)
        .getResultStream()
        .findFirst();
  }

  /** The throttle's row name (at most 64 characters) for a client id as sent. */
  private static String throttleKey(String clientId) {
    String printable = clientId.replaceAll("[^\\p{Print}]", "?");
    return "oauth:" + (printable.length() > 58 ? printable.substring(0, 58) : printable);
  }
}
