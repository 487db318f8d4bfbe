package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.events.entity.EventId;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-Sent Events of every callback step, optionally only one agent's or one queue's. */
@Path("events")
@RequestScoped
@Tag(name = "Events", description = "Live callback events")
public class EventsResource {

  @Inject EventStream stream;

  @Inject Caller caller;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_READ_NAME,
    Scope.CALLBACKS_MANAGE_NAME,
    Scope.EVENTS_READ_NAME
  })
  @Operation(
      operationId = "streamEvents",
      summary = "Stream callback events (text/event-stream)",
      description =
          "Each event is named after the step (QUEUED, OFFERED, DIALING, ...), has a unique id and"
              + " a JSON body with the callback's state after it. Each caller receives the steps of"
              + " the callbacks it may read by id; agentId keeps those of callbacks the agent is"
              + " involved in (scheduled, owns, is preferred for, holds or called) and the step"
              + " that takes one from it; queueId one queue's. A user may hold "
              + "rappel.events.max-streams-per-user streams at once (429 and Retry-After beyond);"
              + " a client that falls too far behind is disconnected and may reconnect with"
              + " Last-Event-ID.")
  @APIResponse(
      responseCode = "429",
      description = "This user already holds as many streams as allowed; see Retry-After")
  @APIResponse(
      responseCode = "200",
      description = "The event stream; it stays open",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      description = "event: the step, id: its id, data: the callback as JSON")))
  public void subscribe(
      @QueryParam("agentId") String agentId,
      @QueryParam("queueId") String queueId,
      @Parameter(
              description =
                  "The id of the last event received (EventSource sends it when it reconnects):"
                      + " the steps recorded since then that this stream shows come first")
          @HeaderParam("Last-Event-ID")
          String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    Violations violations = new Violations();
    Optional<Long> agent = violations.checkOptional(() -> Inputs.id(agentId, "agentId"));
    Optional<Long> queue = violations.checkOptional(() -> Inputs.id(queueId, "queueId"));
    violations.throwIfAny();
    if (caller.agentId().isPresent() && !caller.seesEverything()) {
      // an agent asks for its own events only (a 403 for another agent's, not an empty stream)
      caller.actingAgent(agent.orElse(null));
    }
    stream.subscribe(
        caller.name(),
        sink,
        sse,
        CallbackAccess.of(caller),
        agent,
        queue,
        EventId.parse(lastEventId));
  }
}
