package dev.rappel.interaction.boundary;

import dev.rappel.interaction.entity.Interaction;
import dev.rappel.interaction.entity.MediaType;
import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.boundary.IdempotentCreates;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** ACD interactions, as the ACD reports them. */
@Path("interactions")
@RequestScoped
@Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
@Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
@Tag(name = "Interactions", description = "ACD voice interactions that callbacks come from")
public class InteractionsResource {

  @Inject Interactions interactions;

  @Inject PhoneNumbers phoneNumbers;

  @Inject Caller caller;

  @Inject IdempotentCreates idempotent;

  @Context UriInfo uriInfo;

  /** Body of {@code POST /interactions}. */
  public static class InteractionInput {
    public String mediaType;
    public Long queueId;
    public String ani;
    public Long agentId;
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Scope.INTERACTIONS_WRITE_NAME})
  @Operation(
      operationId = "createInteraction",
      summary = "Record an interaction: mediaType CALL, CALLBACK, OUTBOUND or VOICEMAIL")
  @APIResponse(
      responseCode = "201",
      description = "Recorded; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = InteractionView.class)))
  public Response create(
      @Parameter(description = IdempotentCreates.DESCRIPTION) @HeaderParam(IdempotentCreates.HEADER)
          String idempotencyKey,
      @NotNull(message = "A JSON body is required.") InteractionInput body) {
    return idempotent.create(idempotencyKey, caller, uriInfo.getPath(), body, () -> record(body));
  }

  private Response record(InteractionInput body) {
    Violations violations = new Violations();
    MediaType mediaType =
        violations.check(() -> Inputs.requiredEnum(body.mediaType, MediaType.class, "mediaType"));
    Optional<PhoneNumber> ani =
        violations.checkOptional(() -> phoneNumbers.parseOptional(body.ani, "ani"));
    violations.throwIfAny();
    Interaction interaction =
        interactions.record(mediaType, body.queueId, ani, body.agentId, Optional.of(caller.name()));
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(interaction.id().toString()).build())
        .entity(InteractionView.of(interaction))
        .build();
  }

  @GET
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.INTERACTIONS_WRITE_NAME
  })
  @Path("{id}")
  @Operation(operationId = "getInteraction", summary = "One interaction")
  public InteractionView one(@PathParam("id") long id) {
    return InteractionView.of(interactions.find(id, caller));
  }
}
