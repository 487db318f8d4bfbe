package dev.rappel.agent.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ExternalId;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents and their routing status. */
@Path("agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Agents and their routing status")
public class AgentsResource {

  @Inject Agents agents;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  /** Body of {@code PUT /agents/{id}/external-id}. */
  public static class ExternalIdInput {
    /** The agent's id in another system (e.g. Genesys Cloud); null or empty removes it. */
    public String externalId;
  }

  /** Body of {@code PUT /agents/{id}/status}. */
  public static class StatusInput {
    public String status;
  }

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "createAgent",
      summary = "Create an agent (off queue unless a status is given)")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = AgentView.class)))
  public Response create(@NotNull(message = "A JSON body is required.") AgentInput body) {
    Agent agent = agents.create(body.toCommand(), caller);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(agent.id().toString()).build())
        .entity(AgentView.of(agent, List.of()))
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
  @Operation(operationId = "listAgents", summary = "All agents")
  public List<AgentView> all() {
    return agents.allWithQueues().stream().map(a -> AgentView.of(a.agent(), a.queueIds())).toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
  @Operation(operationId = "getAgent", summary = "One agent, with the queues it belongs to")
  public AgentView one(@PathParam("id") long id) {
    Agent agent = agents.find(id, caller);
    return AgentView.of(agent, agents.queueIdsOf(agent));
  }

  @PUT
  @Path("{id}/status")
  @RolesAllowed({Role.ADMIN_NAME, Role.AGENT_NAME})
  @Operation(
      operationId = "setAgentStatus",
      summary = "Change the agent's routing status: OFF_QUEUE, AVAILABLE or BUSY")
  public AgentView status(
      @PathParam("id") long id, @NotNull(message = "A JSON body is required.") StatusInput body) {
    RoutingStatus status = Inputs.requiredEnum(body.status, RoutingStatus.class, "status");
    Agent agent = agents.changeStatus(id, status, caller);
    return AgentView.of(agent, agents.queueIdsOf(agent));
  }

  @PUT
  @Path("{id}/external-id")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "setAgentExternalId",
      summary = "Set the id another system (e.g. Genesys Cloud) knows the agent by",
      description =
          "The Genesys-compatible endpoints accept it wherever they name an agent. Unique;"
              + " null or empty removes it.")
  @APIResponse(
      responseCode = "200",
      description = "The agent",
      content = @Content(schema = @Schema(implementation = AgentView.class)))
  @APIResponse(responseCode = "409", description = "Another agent has this externalId")
  public AgentView externalId(
      @PathParam("id") long id,
      @NotNull(message = "A JSON body is required.") ExternalIdInput body) {
    Agent agent =
        agents.identifyExternally(id, ExternalId.parse(body.externalId, "externalId"), caller);
    return AgentView.of(agent, agents.queueIdsOf(agent));
  }
}
