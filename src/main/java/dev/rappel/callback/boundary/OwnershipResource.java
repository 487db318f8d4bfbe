package dev.rappel.callback.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The owner of a callback extends its ownership or releases it to the queue. */
@Path("callbacks/{id}/ownership")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Callbacks")
public class OwnershipResource {

  @Inject Ownerships ownerships;

  @Inject Caller caller;

  @Inject Clock clock;

  @POST
  @Path("extend")
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Operation(
      operationId = "extendOwnership",
      summary = "Extend the ownership of a waiting callback",
      description =
          "A new ownership period from now, of the queue's ownedCallbacks.ownershipHours, with a"
              + " new OWNERSHIP_EXPIRING alert before its end (history OWNERSHIP_EXTENDED). For the"
              + " owner, supervisors, admins and callbacks:manage tokens.")
  @APIResponse(
      responseCode = "200",
      description = "Extended; ownershipExpiresAt is the new end",
      headers =
          @Header(
              name = "ETag",
              description = "The callback's new version",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "403", description = "Not the owner")
  @APIResponse(responseCode = "404", description = "Unknown callback")
  @APIResponse(
      responseCode = "409",
      description = "Not owned, or no longer waiting (an agent is handling it, or it ended)")
  @APIResponse(
      responseCode = "422",
      description =
          "The queue no longer allows owned callbacks, or the ownership already runs longer")
  public Response extend(@PathParam("id") long id) {
    return ok(ownerships.extend(id, caller));
  }

  @POST
  @Path("release")
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Operation(
      operationId = "releaseOwnership",
      summary = "Release an owned callback to its queue",
      description =
          "The callback is no longer owned and goes to its queue like any other (history"
              + " OWNERSHIP_RELEASED). For the owner, supervisors, admins and callbacks:manage"
              + " tokens. Releasing a callback nobody owns changes nothing.")
  @APIResponse(
      responseCode = "200",
      description = "Released",
      headers =
          @Header(
              name = "ETag",
              description = "The callback's new version",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "403", description = "Not the owner")
  @APIResponse(responseCode = "404", description = "Unknown callback")
  @APIResponse(
      responseCode = "409",
      description = "No longer waiting (an agent is handling it, or it ended)")
  public Response release(@PathParam("id") long id) {
    return ok(ownerships.release(id, caller));
  }

  private Response ok(Callback callback) {
    return Response.ok(CallbackView.of(callback, clock))
        .tag(CallbacksResource.etag(callback))
        .build();
  }
}
