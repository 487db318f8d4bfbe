package dev.rappel.platform.entity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API token may do, granted one by one so that an integration holds only what it needs.
 * People's roles imply the scopes their role allows ({@link #impliedBy}). Each scope is also a
 * container role (its {@link #name()}; {@code admin} is the {@code ADMIN} role), so endpoints keep
 * declaring who may call them with {@code @RolesAllowed}.
 */
public enum Scope {
  /** Create callbacks. */
  CALLBACKS_CREATE("callbacks:create"),
  /** Read the callbacks this token created (by id, in lists, as events). */
  CALLBACKS_READ("callbacks:read"),
  /** Read, reschedule and cancel any callback. */
  CALLBACKS_MANAGE("callbacks:manage"),
  /** Report interactions; read back those this token reported. */
  INTERACTIONS_WRITE("interactions:write"),
  /** The telephony side: receives dial requests, reports dial outcomes. */
  TELEPHONY("telephony"),
  /** Stream events, optionally only of listed queues. */
  EVENTS_READ("events:read"),
  /** Everything, as an administrator. */
  ADMIN("admin");

  public static final String CALLBACKS_CREATE_NAME = "CALLBACKS_CREATE";
  public static final String CALLBACKS_READ_NAME = "CALLBACKS_READ";
  public static final String CALLBACKS_MANAGE_NAME = "CALLBACKS_MANAGE";
  public static final String INTERACTIONS_WRITE_NAME = "INTERACTIONS_WRITE";
  public static final String TELEPHONY_NAME = "TELEPHONY";
  public static final String EVENTS_READ_NAME = "EVENTS_READ";

  /** What the single {@code INTEGRATION} role of earlier releases allowed, minus dial outcomes. */
  public static final Set<Scope> INTEGRATION_DEFAULT =
      Set.of(CALLBACKS_CREATE, CALLBACKS_READ, INTERACTIONS_WRITE);

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  /** The name in the API and the database, e.g. {@code callbacks:read}. */
  public String wire() {
    return wire;
  }

  /** The container role (group) a token with this scope is given. */
  public String containerRole() {
    return this == ADMIN ? Role.ADMIN_NAME : name();
  }

  public static Optional<Scope> fromWire(String name) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(name)).findFirst();
  }

  /** The scopes people with these roles hold (agents' rights are their own: involvement). */
  public static Set<Scope> impliedBy(Set<Role> roles) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (roles.contains(Role.ADMIN)) {
      scopes.addAll(EnumSet.allOf(Scope.class));
    }
    if (roles.contains(Role.SUPERVISOR)) {
      scopes.addAll(Set.of(CALLBACKS_CREATE, CALLBACKS_READ, CALLBACKS_MANAGE, EVENTS_READ));
    }
    if (roles.contains(Role.INTEGRATION)) {
      scopes.addAll(INTEGRATION_DEFAULT);
    }
    return scopes;
  }
}
