package dev.rappel.security.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Role;
import dev.rappel.security.control.Secrets;
import dev.rappel.security.entity.ApiToken;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/** API tokens: issued by an admin, shown once, kept as a hash, revocable. Audited. */
@Stateless
public class Tokens {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Audit audit;

  /** A new token and, this one time only, its secret value. */
  public record Issued(ApiToken token, String secret) {}

  public Issued issue(String name, Role role, Caller by) {
    by.requireAdmin();
    String secret = Secrets.newToken();
    ApiToken token =
        new ApiToken(name, role, Secrets.hashToken(secret), clock.instant(), by.name());
    em.persist(token);
    em.flush();
    audit.record(by.name(), "TOKEN_ISSUED", token.callerName(), "role " + role);
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
