package dev.rappel.security.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.security.entity.SignInFailure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recent failed sign-ins, per user name and client address (admins only). */
@Path("sign-in-failures")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "Access")
public class SignInFailuresResource {

  @Inject Logins logins;

  @Inject Caller caller;

  /** Failures of one user name from one address since its last success there. */
  public record FailureView(
      String username, String clientAddress, int failures, Instant lastFailureAt) {
    static FailureView of(SignInFailure f) {
      return new FailureView(f.username(), f.clientAddress(), f.failures(), f.lastFailureAt());
    }
  }

  @GET
  @Operation(
      summary =
          "Failed sign-ins not yet forgotten (rappel.login.forget-after-minutes), latest first;"
              + " unknown user names included")
  public List<FailureView> recent() {
    return logins.recentFailures(caller).stream().map(FailureView::of).toList();
  }
}
