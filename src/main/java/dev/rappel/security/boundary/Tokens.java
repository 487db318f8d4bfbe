package dev.rappel.security.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import dev.rappel.security.control.Secrets;
import dev.rappel.security.entity.ApiToken;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens: issued by an admin with scopes and an optional expiry, shown once, kept as a hash,
 * revocable. Audited.
 */
@Stateless
public class Tokens {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Audit audit;

  /** A new token and, this one time only, its secret value. */
  public record Issued(ApiToken token, String secret) {}

  /** What a token is to be granted: scopes, or (as earlier releases did) a role. */
  public record Grant(
      Optional<Role> role, Set<Scope> scopes, Set<Long> eventQueues, Optional<Instant> expiresAt) {}

  public Issued issue(String name, Grant grant, Caller by) {
    by.requireAdmin();
    String secret = Secrets.newToken();
    String hash = Secrets.hashToken(secret);
    Instant now = clock.instant();
    ApiToken token =
        grant.role().isPresent()
            ? ApiToken.forRole(name, grant.role().get(), grant.expiresAt(), hash, now, by.name())
            : new ApiToken(
                name, grant.scopes(), grant.eventQueues(), grant.expiresAt(), hash, now, by.name());
    em.persist(token);
    em.flush();
    audit.record(
        by.name(),
        "TOKEN_ISSUED",
        token.callerName(),
        "scopes "
            + token.scopes().stream().map(Scope::wire).sorted().toList()
            + (token.eventQueues().isEmpty() ? "" : " queues " + token.eventQueues())
            + token.expiresAt().map(e -> " until " + e).orElse(""));
    return new Issued(token, secret);
  }

  public List<ApiToken> all() {
    return em.createNamedQuery(ApiToken.ALL, ApiToken.class).getResultList();
  }

  public void revoke(long id, Caller by) {
    by.requireAdmin();
    ApiToken token = em.find(ApiToken.class, id);
    if (token == null) {
      throw new NotFound("token", id);
    }
    token.revoke(clock.instant());
    audit.record(by.name(), "TOKEN_REVOKED", token.callerName(), null);
  }
}
