package dev.rappel.delivery.boundary;

import dev.rappel.callback.boundary.CallbackView;
import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What agents' desktops and the telephony platform tell the engine about a callback in delivery.
 * Same root path as the callback resource (JAX-RS merges them), so the URLs stay under {@code
 * /callbacks/{id}} while delivery owns its steps.
 */
@Path("callbacks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Callbacks", description = "Scheduled callbacks")
public class DeliveriesResource {

  @Inject Deliveries deliveries;

  @Inject Clock clock;

  @Inject Caller caller;

  /** Body of accept, decline and complete: the agent acting. */
  public static class AgentAction {
    public Long agentId;
  }

  /** Body of a dial outcome report. */
  public static class OutcomeInput {
    public String outcome;

    /** The dial id of the request, as sent to the platform; optional, checked when given. */
    public String dialId;
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.AGENT_NAME})
  @Path("{id}/accept")
  @Operation(
      operationId = "acceptCallback",
      summary = "The offered agent accepts (agent first): the system dials the customer")
  @APIResponse(
      responseCode = "200",
      description = "The callback after the step",
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "409", description = "Not offered to this agent now")
  public CallbackView accept(
      @PathParam("id") long id, @NotNull(message = "A JSON body is required.") AgentAction body) {
    return CallbackView.of(deliveries.accept(id, body.agentId, caller), clock);
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.AGENT_NAME})
  @Path("{id}/decline")
  @Operation(
      operationId = "declineCallback",
      summary = "The offered agent declines: the callback goes to the next free agent")
  @APIResponse(
      responseCode = "200",
      description = "The callback after the step",
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "409", description = "Not offered to this agent now")
  public CallbackView decline(
      @PathParam("id") long id, @NotNull(message = "A JSON body is required.") AgentAction body) {
    return CallbackView.of(deliveries.decline(id, body.agentId, caller), clock);
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Scope.TELEPHONY_NAME})
  @Path("{id}/attempts/{number}/outcome")
  @Operation(
      operationId = "reportDialOutcome",
      summary = "The telephony platform reports how a dial ended",
      description =
          "outcome: ANSWERED, NO_ANSWER, BUSY, MACHINE or FAILED; dialId (optional): the dial id"
              + " of the request, which must then be the attempt's. An outcome for an attempt that"
              + " is not in progress is refused, never applied.")
  @APIResponse(
      responseCode = "200",
      description = "The callback after the step",
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "409", description = "That attempt is not in progress")
  public CallbackView outcome(
      @PathParam("id") long id,
      @PathParam("number") int number,
      @NotNull(message = "A JSON body is required.") OutcomeInput body) {
    DialOutcome outcome = Inputs.requiredEnum(body.outcome, DialOutcome.class, "outcome");
    return CallbackView.of(
        deliveries.recordOutcome(
            id, number, Optional.ofNullable(body.dialId), outcome, caller.name()),
        clock);
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
  @Path("{id}/complete")
  @Operation(
      operationId = "completeCallback",
      summary = "The connected agent has wrapped up the callback, or a supervisor completes it",
      description =
          "With agentId: the connected agent wraps up (an agent for itself, an admin for any"
              + " agent). Without agentId: a supervisor or admin completes a connected callback"
              + " in its agent's stead (history: COMPLETED, completed by a supervisor).")
  @APIResponse(
      responseCode = "200",
      description = "The callback after the step",
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "409", description = "Not connected (to this agent)")
  public CallbackView complete(@PathParam("id") long id, AgentAction body) {
    Long agentId = body == null ? null : body.agentId;
    return CallbackView.of(deliveries.complete(id, agentId, caller), clock);
  }
}
