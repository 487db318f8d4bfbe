package dev.rappel.callback.boundary;

import dev.rappel.callback.entity.InboundNotice;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The callbacks that were waiting for the customer of an interaction when it reached an agent, on a
 * queue whose {@code onInboundContact} is {@code NOTIFY}: the agent (or its CTI) cancels or keeps
 * each with one call.
 */
@Path("interactions/{id}/waiting-callbacks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Callbacks")
public class WaitingCallbacksResource {

  @Inject InboundContacts contacts;

  @Inject Caller caller;

  /** One notice: the callback, its time in the customer's zone, and what the agent decided. */
  public record NoticeView(
      long callbackId,
      long interactionId,
      long agentId,
      Instant scheduledAt,
      String timeZone,
      OffsetDateTime customerLocalTime,
      String callbackState,
      @Schema(
              description =
                  "OPEN (undecided and still waiting), CANCELED, KEPT or CLOSED (the"
                      + " callback moved on meanwhile)")
          String decision,
      Instant createdAt,
      Instant decidedAt,
      String decidedBy) {
    static NoticeView of(InboundNotice n) {
      var time = n.callback().time();
      String decision = n.decision().map(Enum::name).orElse(n.isOpen() ? "OPEN" : "CLOSED");
      return new NoticeView(
          n.callback().id(),
          n.interaction().id(),
          n.agent().id(),
          time.instant(),
          time.zone().getId(),
          time.instant().atZone(time.zone()).toOffsetDateTime(),
          n.callback().state().name(),
          decision,
          n.createdAt(),
          n.decidedAt().orElse(null),
          n.decidedBy().orElse(null));
    }
  }

  @GET
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.INTERACTIONS_WRITE_NAME
  })
  @Operation(
      operationId = "listWaitingCallbacks",
      summary = "Callbacks that were waiting for this interaction's customer",
      description =
          "When the queue's onInboundContact is NOTIFY, each callback waiting on the queue for"
              + " the caller's number when the interaction reached its agent, with the agent's"
              + " decision. For whoever may read the interaction.")
  @APIResponse(
      responseCode = "200",
      description = "The notices, oldest first",
      content = @Content(schema = @Schema(implementation = NoticeView[].class)))
  @APIResponse(responseCode = "403", description = "Not your interaction")
  @APIResponse(responseCode = "404", description = "Unknown interaction")
  public List<NoticeView> list(@PathParam("id") long interactionId) {
    return contacts.ofInteraction(interactionId, caller).stream().map(NoticeView::of).toList();
  }

  @POST
  @Path("{callbackId}/cancel")
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.INTERACTIONS_WRITE_NAME
  })
  @Operation(
      operationId = "cancelWaitingCallback",
      summary = "The customer got through: cancel its waiting callback",
      description =
          "Cancels the callback (history CUSTOMER_CALLED_IN naming the interaction, with the"
              + " caller as actor, then CANCELED). Only while it still waits: a callback being"
              + " dialled is never touched.")
  @APIResponse(
      responseCode = "200",
      description = "Canceled",
      content = @Content(schema = @Schema(implementation = NoticeView.class)))
  @APIResponse(responseCode = "403", description = "Not your interaction")
  @APIResponse(
      responseCode = "404",
      description = "Unknown interaction, or no such callback was waiting for it")
  @APIResponse(
      responseCode = "409",
      description = "Already decided, or the callback no longer waits (being dialled, or ended)")
  public NoticeView cancel(
      @PathParam("id") long interactionId, @PathParam("callbackId") long callbackId) {
    return NoticeView.of(contacts.cancel(interactionId, callbackId, caller));
  }

  @POST
  @Path("{callbackId}/keep")
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.INTERACTIONS_WRITE_NAME
  })
  @Operation(
      operationId = "keepWaitingCallback",
      summary = "Keep the waiting callback",
      description = "Dismisses the notice; the callback does not change.")
  @APIResponse(
      responseCode = "200",
      description = "Kept",
      content = @Content(schema = @Schema(implementation = NoticeView.class)))
  @APIResponse(responseCode = "403", description = "Not your interaction")
  @APIResponse(
      responseCode = "404",
      description = "Unknown interaction, or no such callback was waiting for it")
  @APIResponse(responseCode = "409", description = "Already decided")
  public NoticeView keep(
      @PathParam("id") long interactionId, @PathParam("callbackId") long callbackId) {
    return NoticeView.of(contacts.keep(interactionId, callbackId, caller));
  }
}
