package dev.rappel.callback.boundary;

import static org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER;
import static org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING;

import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.boundary.IdempotentCreates;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.platform.entity.Violations;
import dev.rappel.security.boundary.CallerProducer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Callbacks: created by integrations, read, listed, rescheduled, reassigned and canceled.
 *
 * <p>Application-scoped, unlike the other resources: every create of every integration comes here,
 * and building a request-scoped instance per request (Weld injecting its fields, the two enterprise
 * beans each looked up in JNDI) took 13 % of a create's CPU in a profile. Measured on two cores
 * after the same 300 s warm-up: 944 creates/s against 844. So the caller is read per call.
 */
@Path("callbacks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Callbacks", description = "Scheduled callbacks")
public class CallbacksResource {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;
  private static final String ETAG = "The callback's version, in quotes, e.g. \"3\"";
  private static final String IF_MATCH =
      "The ETag of the version read (e.g. \"3\"): the change applies only if the callback is"
          + " still at that version, otherwise 412 and nothing changes";

  @Inject Callbacks callbacks;

  @Inject CallbackLists lists;

  @Inject PhoneNumbers phoneNumbers;

  @Inject Clock clock;

  @Context UriInfo uriInfo;

  @Inject CallerProducer callers;

  private Caller caller() {
    return callers.current();
  }

  @Inject IdempotentCreates idempotent;

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Scope.CALLBACKS_CREATE_NAME})
  @Operation(
      operationId = "createCallback",
      summary = "Create a callback (integrations)",
      description = "Without scheduledAt the callback is due now.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      headers = {
        @Header(name = "Location", description = "Its URL", schema = @Schema(type = STRING)),
        @Header(name = "ETag", description = ETAG, schema = @Schema(type = STRING))
      },
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(
      responseCode = "409",
      description = "A request with this Idempotency-Key is still being answered")
  @APIResponse(responseCode = "422", description = "A rule is broken; see errors")
  public Response create(
      @Parameter(description = IdempotentCreates.DESCRIPTION) @HeaderParam(IdempotentCreates.HEADER)
          String idempotencyKey,
      @NotNull(message = "A JSON body is required.") CreateInput in) {
    return idempotent.create(
        idempotencyKey, caller(), uriInfo.getPath(), in, () -> createFromIntegration(in));
  }

  private Response createFromIntegration(CreateInput in) {
    Violations violations = new Violations();
    PhoneNumber phone = violations.check(() -> phoneNumbers.parse(in.phoneNumber, "phoneNumber"));
    Optional<Instant> at =
        violations.checkOptional(() -> Inputs.instant(in.scheduledAt, "scheduledAt"));
    Optional<ZoneId> zone =
        violations.checkOptional(() -> TimeZones.parseOptional(in.timeZone, "timeZone"));
    Optional<PhoneNumber> callerId =
        violations.checkOptional(() -> phoneNumbers.parseOptional(in.callerId, "callerId"));
    violations.throwIfAny();
    var command =
        new Callbacks.CreateCommand(
            in.queueId,
            phone,
            in.customerName,
            at,
            zone,
            callerId,
            Optional.ofNullable(in.callerIdName),
            Optional.ofNullable(in.preferredAgentId),
            in.data == null ? Map.of() : in.data,
            Boolean.TRUE.equals(in.outsideHoursConsent));
    Callback callback = callbacks.createFromIntegration(command, caller());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(callback.id().toString()).build())
        .tag(etag(callback))
        .entity(CallbackView.of(callback, clock))
        .build();
  }

  @GET
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_READ_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Path("{id}")
  @Operation(operationId = "getCallback", summary = "One callback, with its attempts and history")
  @APIResponse(
      responseCode = "200",
      description = "The callback; its ETag names this version, for If-Match",
      headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = STRING)),
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "404", description = "Unknown callback")
  public Response one(@PathParam("id") long id) {
    return ok(callbacks.find(id, caller()));
  }

  @GET
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_READ_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Operation(
      operationId = "listCallbacks",
      summary = "The supervisor's list, filtered and paged, in due-time order",
      description =
          "total counts the matching callbacks up to rappel.list.count-limit (10,000 by default);"
              + " when more match, total is that limit and totalExact is false.")
  public CallbackPage list(
      @Parameter(description = "One or more states, comma-separated") @QueryParam("state")
          String state,
      @Parameter(schema = @Schema(type = INTEGER, format = "int64")) @QueryParam("queueId")
          String queueId,
      @Parameter(
              description = "Callbacks the agent scheduled, owns, is preferred for or holds now",
              schema = @Schema(type = INTEGER, format = "int64"))
          @QueryParam("agentId")
          String agentId,
      @Parameter(
              description = "Due at or after (RFC 3339)",
              schema = @Schema(type = STRING, format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Due before (RFC 3339)",
              schema = @Schema(type = STRING, format = "date-time"))
          @QueryParam("to")
          String to,
      @Parameter(description = "Customer number, or its beginning, in E.164")
          @QueryParam("phoneNumber")
          String phoneNumber,
      @Parameter(description = "Page number, from 0", schema = @Schema(type = INTEGER))
          @QueryParam("page")
          String page,
      @Parameter(description = "Page size, 1 to 500 (default 50)", schema = @Schema(type = INTEGER))
          @QueryParam("size")
          String size) {
    Violations violations = new Violations();
    Supplier<CallbackFilter> filter =
        filterOf(violations, state, queueId, agentId, from, to, phoneNumber);
    Integer pageNumber = violations.check(() -> Inputs.intInRange(page, 0, 0, 1_000_000, "page"));
    Integer pageSize =
        violations.check(
            () -> Inputs.intInRange(size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size"));
    violations.throwIfAny();
    var result = lists.list(filter.get(), pageNumber, pageSize, caller());
    return new CallbackPage(
        result.items().stream().map(c -> CallbackView.summary(c, clock)).toList(),
        result.total(),
        result.exact(),
        pageNumber,
        pageSize);
  }

  @PATCH
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(
      operationId = "changeCallback",
      summary = "Reschedule or reassign a callback",
      description =
          "Fields: scheduledAt (RFC 3339), timeZone (IANA), queueId, ownerAgentId (null releases"
              + " the ownership). Absent fields do not change.")
  @APIResponse(
      responseCode = "200",
      description = "Changed; the ETag names the new version",
      headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = STRING)),
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "404", description = "Unknown callback")
  @APIResponse(
      responseCode = "409",
      description =
          "The callback is finished or being handled, or someone else changed it meanwhile (read"
              + " it again)")
  @APIResponse(
      responseCode = "412",
      description = "If-Match names an older version than the current one; nothing changed")
  @APIResponse(responseCode = "422", description = "A rule is broken; see errors")
  public Response change(
      @PathParam("id") long id,
      @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ChangeInput")),
                @Content(
                    mediaType = "application/merge-patch+json",
                    schema = @Schema(ref = "ChangeInput"))
              })
          @NotNull(message = "A JSON body is required.")
          JsonValue raw) {
    // read as any JSON value: a body that is not an object is the client's mistake (400), which
    // a JsonObject parameter would turn into a server error
    if (!(raw instanceof JsonObject body)) {
      throw RuleViolation.unreadable("body", "must be a JSON object.");
    }
    Violations violations = new Violations();
    Optional<Long> version = violations.checkOptional(() -> Inputs.ifMatch(ifMatch));
    Optional<Instant> at =
        violations.checkOptional(() -> Inputs.instant(text(body, "scheduledAt"), "scheduledAt"));
    Optional<ZoneId> zone =
        violations.checkOptional(() -> TimeZones.parseOptional(text(body, "timeZone"), "timeZone"));
    Optional<Long> queueId =
        violations.checkOptional(() -> Optional.ofNullable(number(body, "queueId")));
    boolean ownerGiven = body.containsKey("ownerAgentId");
    Optional<Long> owner =
        violations.checkOptional(() -> Optional.ofNullable(number(body, "ownerAgentId")));
    violations.throwIfAny();
    boolean consent = body.getBoolean("outsideHoursConsent", false);
    var command = new Callbacks.ChangeCommand(at, zone, queueId, ownerGiven, owner, consent);
    return ok(callbacks.change(id, command, version, caller()));
  }

  @POST
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Path("{id}/cancel")
  @Operation(operationId = "cancelCallback", summary = "Cancel a callback")
  @APIResponse(
      responseCode = "200",
      description = "Canceled; the ETag names the new version",
      headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = STRING)),
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(responseCode = "404", description = "Unknown callback")
  @APIResponse(
      responseCode = "409",
      description = "The callback is already finished, or someone else changed it meanwhile")
  @APIResponse(
      responseCode = "412",
      description = "If-Match names an older version than the current one; nothing changed")
  public Response cancel(
      @PathParam("id") long id,
      @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    Optional<Long> version = Inputs.ifMatch(ifMatch);
    return ok(callbacks.cancel(id, version, caller()));
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.AGENT_NAME})
  @Path("{id}/follow-up")
  @Operation(
      operationId = "scheduleFollowUp",
      summary = "Schedule a follow-up callback after a call",
      description =
          "Same body and defaults as scheduling from an interaction; the call of this callback is"
              + " the interaction. Once per callback.")
  @APIResponse(
      responseCode = "201",
      description = "Scheduled; Location names it",
      headers = {
        @Header(name = "Location", description = "Its URL", schema = @Schema(type = STRING)),
        @Header(name = "ETag", description = ETAG, schema = @Schema(type = STRING))
      },
      content = @Content(schema = @Schema(implementation = CallbackView.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "No call took place yet, or already followed up, or a request with this Idempotency-Key is still being answered")
  public Response followUp(
      @PathParam("id") long id,
      @Parameter(description = IdempotentCreates.DESCRIPTION) @HeaderParam(IdempotentCreates.HEADER)
          String idempotencyKey,
      ScheduleInput body) {
    ScheduleInput in = body == null ? new ScheduleInput() : body;
    return idempotent.create(
        idempotencyKey,
        caller(),
        uriInfo.getPath(),
        in,
        () -> {
          Callback followUp = callbacks.scheduleFollowUp(id, in.toCommand(phoneNumbers), caller());
          return Response.created(
                  uriInfo
                      .getBaseUriBuilder()
                      .path("callbacks")
                      .path(followUp.id().toString())
                      .build())
              .tag(etag(followUp))
              .entity(CallbackView.of(followUp, clock))
              .build();
        });
  }

  /** A callback's version as its entity tag: what If-Match names to change that version only. */
  static EntityTag etag(Callback callback) {
    return new EntityTag(Long.toString(callback.version()));
  }

  private Response ok(Callback callback) {
    return Response.ok(CallbackView.of(callback, clock)).tag(etag(callback)).build();
  }

  /**
   * The list's filters read from query parameters (also the console's export): what cannot be read
   * is added to {@code violations}; the filter is built once they have been thrown, since its own
   * rules (the time range) apply only to values that could be read.
   */
  static Supplier<CallbackFilter> filterOf(
      Violations violations,
      String state,
      String queueId,
      String agentId,
      String from,
      String to,
      String phoneNumber) {
    Set<CallbackState> states = violations.check(() -> states(state));
    Optional<Long> queue = violations.checkOptional(() -> Inputs.id(queueId, "queueId"));
    Optional<Long> agent = violations.checkOptional(() -> Inputs.id(agentId, "agentId"));
    Optional<Instant> fromAt = violations.checkOptional(() -> Inputs.instant(from, "from"));
    Optional<Instant> toAt = violations.checkOptional(() -> Inputs.instant(to, "to"));
    Optional<String> number =
        violations.checkOptional(() -> CallbackFilter.numberPrefix(phoneNumber));
    return () -> new CallbackFilter(states, queue, agent, fromAt, toAt, number);
  }

  private static Set<CallbackState> states(String raw) {
    if (raw == null || raw.isBlank()) {
      return Set.of();
    }
    Set<CallbackState> states = EnumSet.noneOf(CallbackState.class);
    Arrays.stream(raw.split(","))
        .filter(s -> !s.isBlank())
        .forEach(s -> states.add(Inputs.requiredEnum(s, CallbackState.class, "state")));
    return states;
  }

  private static String text(JsonObject body, String field) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString string) {
      return string.getString();
    }
    throw RuleViolation.unreadable(field, "must be a string.");
  }

  private static Long number(JsonObject body, String field) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      try {
        return number.longValueExact();
      } catch (ArithmeticException tooLarge) {
        throw RuleViolation.unreadable(field, "is too large for an id.");
      }
    }
    throw RuleViolation.unreadable(field, "must be a whole number (an id) or null.");
  }
}
