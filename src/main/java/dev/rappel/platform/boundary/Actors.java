package dev.rappel.platform.boundary;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Who is calling, for the history of what they change. */
public final class Actors {
  /** The actor of requests that carry no identity. */
  public static final String ANONYMOUS = "api";

  private Actors() {}

  public static String of(SecurityContext context) {
    Principal principal = context == null ? null : context.getUserPrincipal();
    return principal == null ? ANONYMOUS : principal.getName();
  }
}
