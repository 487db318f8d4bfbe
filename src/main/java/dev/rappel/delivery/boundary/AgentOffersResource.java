package dev.rappel.delivery.boundary;

import dev.rappel.callback.boundary.CallbackView;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agent desktop's view of what the engine gave an agent. */
@Path("agents/{id}/offers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class AgentOffersResource {

  @Inject Deliveries deliveries;

  @Inject Clock clock;

  @Inject Caller caller;

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
  @Operation(
      operationId = "listAgentOffers",
      summary = "The callback offered to, reserved for or connected with this agent")
  public List<CallbackView> offers(@PathParam("id") long agentId) {
    return deliveries.offersOf(agentId, caller).stream()
        .map(c -> CallbackView.of(c, clock))
        .toList();
  }
}
