package dev.rappel.platform.entity;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller of a use case: its name (the actor in histories), its roles, the agent
 * it is, for agent users, its scopes (a token's grants; people hold those their roles imply) and
 * the queues an {@code events:read} token is limited to (empty: every queue).
 */
public record Caller(
    String name, Set<Role> roles, Optional<Long> agentId, Set<Scope> scopes, Set<Long> eventQueues)
    implements java.io.Serializable {

  public Caller {
    scopes = Set.copyOf(scopes);
    eventQueues = Set.copyOf(eventQueues);
  }

  /**
   * Optional is not serializable: a console page keeps its caller in the view state, which the
   * server writes with the session (to another instance, in a cluster), as this copy.
   */
  private Object writeReplace() {
    return new Kept(name, Set.copyOf(roles), agentId.orElse(null), scopes, eventQueues);
  }

  private record Kept(
      String name, Set<Role> roles, Long agentId, Set<Scope> scopes, Set<Long> eventQueues)
      implements java.io.Serializable {
    private Object readResolve() {
      return new Caller(name, roles, Optional.ofNullable(agentId), scopes, eventQueues);
    }
  }

  /** A person: the scopes are those its roles imply. */
  public Caller(String name, Set<Role> roles, Optional<Long> agentId) {
    this(name, roles, agentId, Scope.impliedBy(roles), Set.of());
  }

  /** Whether this caller holds that scope ({@code admin} holds every one). */
  public boolean may(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN) || isAdmin();
  }

  /** Refuses a caller without that scope. */
  public void require(Scope scope) {
    if (!may(scope)) {
      throw new Forbidden("This needs the scope " + scope.wire() + ".");
    }
  }

  /** The engine and other in-process callers with every right. */
  public static Caller system(String name) {
    return new Caller(name, Set.of(Role.ADMIN), Optional.empty());
  }

  public boolean is(Role role) {
    return roles.contains(role);
  }

  public boolean isAdmin() {
    return is(Role.ADMIN);
  }

  /** Administration (queues, agents, users, tokens) is for admins, whichever door it comes by. */
  public void requireAdmin() {
    if (!isAdmin()) {
      throw new Forbidden("Only an administrator may do this.");
    }
  }

  /** Supervisors and admins see and control every callback. */
  public boolean seesEverything() {
    return is(Role.ADMIN) || is(Role.SUPERVISOR);
  }

  /**
   * The agent an agent action is taken for: an agent acts only for itself; an admin names the agent
   * it acts for.
   */
  public long actingAgent(Long requested) {
    if (isAdmin() && requested != null) {
      return requested;
    }
    if (agentId.isPresent()) {
      if (requested != null && !requested.equals(agentId.get())) {
        throw new Forbidden("An agent acts only for itself.");
      }
      return agentId.get();
    }
    if (requested != null) {
      // a supervisor is nobody's agent: naming one does not make it that agent
      throw new Forbidden("Only the agent itself, or an admin, acts for an agent.");
    }
    throw new dev.rappel.platform.entity.RuleViolation("agentId", "is required: the agent acting.");
  }

  /** Agents see their own records only; supervisors and admins see every agent. */
  public void requireSeesAgent(long id) {
    if (!seesEverything() && !isAgent(id)) {
      throw new Forbidden("An agent sees only itself.");
    }
  }

  /** True when this caller is the agent with that id. */
  public boolean isAgent(Long id) {
    return id != null && agentId.map(id::equals).orElse(false);
  }
}
