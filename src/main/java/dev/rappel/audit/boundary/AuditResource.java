package dev.rappel.audit.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log of administrative changes, newest first (admins). */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
public class AuditResource {

  @Inject Audit audit;

  /** One recorded change. */
  public record AuditView(Instant at, String actor, String action, String target, String detail) {}

  @GET
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "listAuditEntries",
      summary = "Who changed queue policies, membership, agents, users and tokens, and when")
  public List<AuditView> latest(@QueryParam("limit") String limit) {
    int size = Inputs.intInRange(limit, 100, 1, 1000, "limit");
    return audit.latest(size).stream()
        .map(e -> new AuditView(e.at(), e.actor(), e.action(), e.target(), e.detail()))
        .toList();
  }
}
