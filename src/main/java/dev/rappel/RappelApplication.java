package dev.rappel;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The REST API, served under {@code /api/v1}. */
@ApplicationPath("api/v1")
// people's roles, then the scopes of API tokens (admin is ADMIN)
@DeclareRoles({
  "ADMIN",
  "SUPERVISOR",
  "AGENT",
  "INTEGRATION",
  "CALLBACKS_CREATE",
  "CALLBACKS_READ",
  "CALLBACKS_MANAGE",
  "INTERACTIONS_WRITE",
  "TELEPHONY",
  "EVENTS_READ"
})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Rappel API",
            version = "1",
            description =
                "Schedule, read, reschedule and cancel contact-center callbacks. Errors are"
                    + " application/problem+json (RFC 9457).",
            license = @License(name = "Apache-2.0")))
public class RappelApplication extends Application {}
