package dev.rappel.callback.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.platform.boundary.IdempotentCreates;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An agent schedules the callback of the interaction it handles. */
@Path("interactions/{id}/callback")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Callbacks")
public class InteractionCallbackResource {

  @Inject Callbacks callbacks;

  @Inject PhoneNumbers phoneNumbers;

  @Inject Clock clock;

  @Context UriInfo uriInfo;

  @Inject Caller caller;

  @Inject IdempotentCreates idempotent;

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.AGENT_NAME})
  @Operation(
      operationId = "scheduleInteractionCallback",
      summary = "Schedule the callback of an interaction",
      description =
          "Every field is optional: date defaults to today and time to now + 30 minutes in the"
              + " customer's zone (or the agent's, or the server's), the number to the caller's,"
              + " the queue to the one that received the interaction. At most one callback per"
              + " interaction.")
  @APIResponse(
      responseCode = "201",
      description = "Scheduled; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "404", description = "Unknown interaction")
  @APIResponse(
      responseCode = "409",
      description =
          "The interaction already has a callback, or a request with this Idempotency-Key is still being answered")
  @APIResponse(responseCode = "422", description = "A rule is broken; see errors")
  public Response schedule(
      @PathParam("id") long interactionId,
      @Parameter(description = IdempotentCreates.DESCRIPTION) @HeaderParam(IdempotentCreates.HEADER)
          String idempotencyKey,
      ScheduleInput body) {
    ScheduleInput in = body == null ? new ScheduleInput() : body;
    return idempotent.create(
        idempotencyKey,
        caller,
        uriInfo.getPath(),
        in,
        () -> {
          var command = in.toCommand(phoneNumbers);
          Callback callback = callbacks.scheduleFromInteraction(interactionId, command, caller);
          return Response.created(
                  uriInfo
                      .getBaseUriBuilder()
                      .path("callbacks")
                      .path(callback.id().toString())
                      .build())
              .tag(CallbacksResource.etag(callback))
              .entity(CallbackView.of(callback, clock))
              .build();
        });
  }
}
