package dev.rappel.genesys.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.genesys.boundary.GenesysShapes.BulkCallbackDisconnectRequest;
import dev.rappel.genesys.boundary.GenesysShapes.BulkCallbackPatchRequest;
import dev.rappel.genesys.boundary.GenesysShapes.BulkError;
import dev.rappel.genesys.boundary.GenesysShapes.BulkResponse;
import dev.rappel.genesys.boundary.GenesysShapes.BulkResult;
import dev.rappel.genesys.boundary.GenesysShapes.CallbackDisconnectIdentifier;
import dev.rappel.genesys.boundary.GenesysShapes.CallbackIdentifier;
import dev.rappel.genesys.boundary.GenesysShapes.CallbackResponse;
import dev.rappel.genesys.boundary.GenesysShapes.CreateCallbackCommand;
import dev.rappel.genesys.boundary.GenesysShapes.DomainEntityRef;
import dev.rappel.genesys.boundary.GenesysShapes.PatchCallbackRequest;
import dev.rappel.genesys.boundary.GenesysShapes.RoutingData;
import dev.rappel.genesys.entity.CallbackNumbers;
import dev.rappel.genesys.entity.CountryCode;
import dev.rappel.genesys.entity.GenesysRouting;
import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.boundary.ApiDocument;
import dev.rappel.platform.boundary.ForwardedPaths;
import dev.rappel.platform.boundary.IdempotentCreates;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.PreconditionFailed;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v2/conversations/callbacks}: Genesys Cloud's callback endpoints, in its request and
 * answer shapes, over Rappel's callback use cases.
 */
@Path(ForwardedPaths.PREFIX + "/api/v2/conversations/callbacks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "Genesys",
    description =
        "Genesys Cloud-compatible callback endpoints (/api/v2): its request, answer and error shapes")
public class GenesysCallbacksResource {
  private static final String ERRORS = "GenesysError";

  @Inject GenesysCallbacks genesys;

  @Inject PhoneNumbers phoneNumbers;

  @Inject IdempotentCreates idempotent;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Scope.CALLBACKS_CREATE_NAME})
  @Extension(name = ApiDocument.ERROR_SCHEMA, value = ERRORS)
  @Operation(
      operationId = "genesysCreateCallback",
      summary = "Create a callback (Genesys: postConversationsCallbacks)",
      description =
          "Genesys' CreateCallbackCommand. The queue is queueId or routingData.queueId (externalId"
              + " or Rappel id); the first valid callbackNumbers entry is dialled; routingFlags"
              + " AGENT_OWNED_CALLBACK makes the preferred agent its owner under the queue's"
              + " policy. conversation.id is the callback's id.")
  @APIResponse(
      responseCode = "200",
      description = "Created",
      content = @Content(schema = @Schema(implementation = CallbackResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Unreadable, or breaks a rule (Genesys has no 422); errors names the fields",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GenesysError.class)))
  @APIResponse(
      responseCode = "409",
      description = "A request with this Idempotency-Key is still being answered")
  public Response create(
      @Parameter(description = IdempotentCreates.DESCRIPTION) @HeaderParam(IdempotentCreates.HEADER)
          String idempotencyKey,
      @NotNull(message = "A JSON body is required.") CreateCallbackCommand body) {
    return idempotent.create(
        idempotencyKey,
        caller,
        uriInfo.getPath(),
        body,
        () -> Response.ok(answer(genesys.create(parse(body), caller))).build());
  }

  private GenesysCallbacks.Create parse(CreateCallbackCommand in) {
    Violations violations = new Violations();
    RoutingData routing = in.routingData == null ? new RoutingData() : in.routingData;
    GenesysRouting where =
        violations.check(
            () ->
                GenesysRouting.of(
                    in.queueId,
                    routing.queueId,
                    routing.preferredAgentIds,
                    routing.scoredAgents == null
                        ? List.of()
                        : routing.scoredAgents.stream()
                            .filter(s -> s != null && s.agent != null)
                            .map(
                                s ->
                                    new GenesysRouting.ScoredAgent(
                                        s.agent.id, s.score == null ? 0 : s.score))
                            .toList(),
                    routing.routingFlags));
    Optional<String> region = violations.checkOptional(() -> CountryCode.region(in.countryCode));
    Function<String, PhoneNumber> parser =
        region != null && region.isPresent()
            ? raw -> PhoneNumber.parse(raw, region, CallbackNumbers.FIELD)
            : raw -> phoneNumbers.parse(raw, CallbackNumbers.FIELD);
    CallbackNumbers numbers =
        violations.check(() -> CallbackNumbers.choose(in.callbackNumbers, parser));
    Optional<Instant> at =
        violations.checkOptional(
            () -> Inputs.instant(in.callbackScheduledTime, "callbackScheduledTime"));
    Optional<PhoneNumber> callerId =
        violations.checkOptional(() -> phoneNumbers.parseOptional(in.callerId, "callerId"));
    violations.throwIfAny();
    return new GenesysCallbacks.Create(
        where,
        numbers,
        Optional.ofNullable(in.callbackUserName).filter(n -> !n.isBlank()),
        at,
        callerId,
        Optional.ofNullable(in.callerIdName),
        in.data == null ? Map.of() : in.data);
  }

  @PATCH
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Extension(name = ApiDocument.ERROR_SCHEMA, value = ERRORS)
  @Operation(
      operationId = "genesysUpdateCallback",
      summary = "Reschedule or reassign a callback (Genesys: patchConversationsCallbacks)",
      description =
          "Genesys' PatchCallbackRequest: callbackScheduledTime reschedules, queueId moves it,"
              + " agentId makes that agent its owner (queue policy permitting). Moving and"
              + " reassigning are for supervisors and admins.")
  @APIResponse(
      responseCode = "200",
      description = "Changed",
      content = @Content(schema = @Schema(implementation = CallbackResponse.class)))
  @APIResponse(responseCode = "404", description = "No callback with this conversationId")
  @APIResponse(
      responseCode = "409",
      description = "The callback is finished or being handled, or changed meanwhile")
  public CallbackResponse update(
      @NotNull(message = "A JSON body is required.") PatchCallbackRequest body) {
    return answer(genesys.patch(parse(body), caller));
  }

  private static GenesysCallbacks.Patch parse(PatchCallbackRequest in) {
    if (in == null) {
      throw RuleViolation.unreadable("patchCallbackRequests", "holds requests, not null.");
    }
    Violations violations = new Violations();
    if (in.conversationId == null || in.conversationId.isBlank()) {
      violations.add("conversationId", "is required: the callback's conversation id.");
    }
    Optional<Instant> at =
        violations.checkOptional(
            () -> Inputs.instant(in.callbackScheduledTime, "callbackScheduledTime"));
    violations.throwIfAny();
    return new GenesysCallbacks.Patch(
        in.conversationId.strip(), present(in.queueId), present(in.agentId), at);
  }

  @POST
  @Path("bulk/update")
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Extension(name = ApiDocument.ERROR_SCHEMA, value = ERRORS)
  @Operation(
      operationId = "genesysBulkUpdateCallbacks",
      summary = "Update several callbacks (Genesys: postConversationsCallbacksBulkUpdate)",
      description =
          "Each PatchCallbackRequest is applied on its own, as PATCH does: results holds, in"
              + " order, the answer or the error of each; errorIndexes the positions that failed.")
  @APIResponse(
      responseCode = "200",
      description = "Each request applied or refused",
      content = @Content(schema = @Schema(implementation = BulkResponse.class)))
  public BulkResponse bulkUpdate(
      @NotNull(message = "A JSON body is required.") BulkCallbackPatchRequest body) {
    List<PatchCallbackRequest> requests =
        required(body.patchCallbackRequests, "patchCallbackRequests");
    return bulk(requests, r -> () -> answer(genesys.patch(parse(r), caller)));
  }

  @POST
  @Path("bulk/disconnect")
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Extension(name = ApiDocument.ERROR_SCHEMA, value = ERRORS)
  @Operation(
      operationId = "genesysBulkDisconnectCallbacks",
      summary = "Cancel several callbacks (Genesys: postConversationsCallbacksBulkDisconnect)",
      description =
          "Each callback (conversationId, or callbackId, which is the same id here) is canceled on"
              + " its own. Genesys answers 202 with no body; the body here says, in order, what"
              + " became of each.")
  @APIResponse(
      responseCode = "202",
      description = "Each callback canceled or refused",
      content = @Content(schema = @Schema(implementation = BulkResponse.class)))
  public Response bulkDisconnect(
      @NotNull(message = "A JSON body is required.") BulkCallbackDisconnectRequest body) {
    List<CallbackDisconnectIdentifier> ids =
        required(body.callbackDisconnectIdentifiers, "callbackDisconnectIdentifiers");
    BulkResponse results =
        bulk(
            ids,
            id ->
                () -> {
                  if (id == null) {
                    throw RuleViolation.unreadable(
                        "callbackDisconnectIdentifiers", "holds identifiers, not null.");
                  }
                  String conversation =
                      id.conversationId != null ? id.conversationId : id.callbackId;
                  return answer(genesys.disconnect(conversation, caller));
                });
    return Response.accepted(results).build();
  }

  private static <T> List<T> required(List<T> list, String field) {
    if (list == null || list.isEmpty()) {
      throw new RuleViolation(field, "is required: at least one entry.");
    }
    if (list.size() > 100) {
      throw new RuleViolation(field, "may hold at most 100 entries.");
    }
    return list;
  }

  /** Each item in its own transaction: one refused item leaves the others done. */
  private static <T> BulkResponse bulk(
      List<T> items, Function<T, Supplier<CallbackResponse>> apply) {
    List<BulkResult> results = new ArrayList<>();
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        results.add(new BulkResult(null, apply.apply(items.get(i)).get()));
      } catch (RuleViolation e) {
        GenesysError error = GenesysError.of(400, "", e.errors());
        results.add(new BulkResult(new BulkError(error.message(), error.code()), null));
        failed.add(i);
      } catch (NotFound | Conflict | Forbidden | PreconditionFailed e) {
        int status =
            e instanceof NotFound
                ? 404
                : e instanceof Forbidden ? 403 : e instanceof Conflict ? 409 : 412;
        results.add(new BulkResult(new BulkError(e.getMessage(), GenesysError.code(status)), null));
        failed.add(i);
      }
    }
    return new BulkResponse(results, failed.size(), failed);
  }

  private static CallbackResponse answer(Callback callback) {
    String id = GenesysCallbacks.conversationId(callback);
    return new CallbackResponse(
        new DomainEntityRef(id, "/api/v1/callbacks/" + id),
        List.of(new CallbackIdentifier("EXTERNAL", id)));
  }

  private static Optional<String> present(String text) {
    return Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty());
  }
}
