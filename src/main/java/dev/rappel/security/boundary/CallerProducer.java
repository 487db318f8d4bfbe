package dev.rappel.security.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.security.entity.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The caller of the current request, as use cases check it. */
@RequestScoped
public class CallerProducer {

  @Inject SecurityContext security;

  @Inject HttpServletRequest request;

  @PersistenceContext EntityManager em;

  private Caller current;

  /** Dependent (a record cannot be proxied): each request-scoped resource reads it once. */
  @Produces
  Caller caller() {
    return read();
  }

  /**
   * The caller of this request, read once: for an application-scoped resource, which cannot keep it
   * in a field. An API request's caller is settled by its authentication before any resource runs;
   * the injected one stays read afresh, as a console request may sign in halfway.
   */
  public Caller current() {
    if (current == null) {
      current = read();
    }
    return current;
  }

  private Caller read() {
    Principal principal = security.getCallerPrincipal();
    if (principal == null) {
      return new Caller("anonymous", Set.of(), Optional.empty());
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (request.getAttribute(ApiAuthentication.VALIDATED_GROUPS) instanceof Set<?> groups) {
      // an API request: its mechanism validated the credentials moments ago
      for (Role role : Role.values()) {
        if (groups.contains(role.name())) {
          roles.add(role);
        }
      }
    } else {
      for (Role role : Role.values()) {
        if (security.isCallerInRole(role.name())) {
          roles.add(role);
        }
      }
    }
    Optional<Long> agentId =
        roles.contains(Role.AGENT)
            ? em.createNamedQuery(User.BY_NAME, User.class)
                .setParameter("username", principal.getName())
                .getResultStream()
                .findFirst()
                .flatMap(User::agent)
                .map(a -> a.id())
            : Optional.empty();
    if (request.getAttribute(ApiAuthentication.VALIDATED_IDENTITY)
        instanceof Logins.Identity identity) {
      return new Caller(
          principal.getName(), roles, agentId, identity.scopes(), identity.eventQueues());
    }
    return new Caller(principal.getName(), roles, agentId);
  }
}
