package dev.rappel.queue.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ExternalId;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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

/** Queues and their callback policy. */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Queues", description = "ACD queues, their members and callback policy")
public class QueuesResource {

  @Inject Queues queues;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "createQueue",
      summary = "Create a queue; missing callback settings take the defaults")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = QueueView.class)))
  public Response create(@NotNull(message = "A JSON body is required.") @Valid QueueInput body) {
    var queue =
        queues.create(
            body.name,
            QueueInput.settings(body.callbackSettings),
            ExternalId.parse(body.externalId, "externalId"),
            caller);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(queue.id().toString()).build())
        .entity(QueueView.of(queue))
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
  @Operation(operationId = "listQueues", summary = "All queues")
  public List<QueueView> all() {
    return queues.all().stream().map(QueueView::of).toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
  @Operation(operationId = "getQueue", summary = "One queue")
  public QueueView one(@PathParam("id") long id) {
    return QueueView.of(queues.find(id));
  }

  @PUT
  @Path("{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "updateQueue",
      summary = "Rename a queue and replace its callback settings")
  public QueueView update(
      @PathParam("id") long id,
      @NotNull(message = "A JSON body is required.") @Valid QueueInput body) {
    return QueueView.of(
        queues.update(
            id,
            body.name,
            QueueInput.settings(body.callbackSettings),
            body.externalId != null,
            ExternalId.parse(body.externalId, "externalId"),
            caller));
  }

  @PUT
  @Path("{id}/members")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(operationId = "setQueueMembers", summary = "Replace the queue's agent members")
  public QueueView members(
      @PathParam("id") long id,
      @NotNull(message = "A JSON body is required.") @Valid MembersInput body) {
    return QueueView.of(queues.replaceMembers(id, body.agentIds, caller));
  }

  /** Body of {@code PUT /queues/{id}/members}. */
  public static class MembersInput {
    @NotNull(message = "is required (an empty list removes every member).")
    public List<Long> agentIds;
  }
}
