package dev.rappel.callback.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a compliance officer asks for: the rules checked for a callback, and their results. */
@Path("callbacks/{id}/compliance")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Compliance")
public class ComplianceReportResource {

  @Inject ComplianceReports reports;

  @Inject Caller caller;

  @GET
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_READ_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Operation(
      operationId = "getCallbackCompliance",
      summary = "The contact rules checked for a callback",
      description =
          "Every check, at booking and before each dial: the calling hours in the destination's"
              + " zones, the do-not-call lookup and the contact cap's count, each rule's result"
              + " (PASSED, FAILED, OFF, CONSENTED) and what followed (ALLOWED, HELD, DEFERRED,"
              + " CANCELED).")
  @APIResponse(
      responseCode = "200",
      description = "The checks, oldest first",
      content = @Content(schema = @Schema(implementation = ComplianceReport.class)))
  @APIResponse(responseCode = "404", description = "Unknown callback")
  public ComplianceReport report(@PathParam("id") long id) {
    return reports.of(id, caller);
  }
}
