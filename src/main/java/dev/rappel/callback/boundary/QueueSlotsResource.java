package dev.rappel.callback.boundary;

import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.platform.entity.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A queue's slots with room (its policy {@code slotCapacity}), read by whoever reads queues. */
@Path("queues/{id}/slots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queues")
public class QueueSlotsResource {

  @Inject QueueSlots slots;

  /** One slot: its start in UTC and in the asked zone, its capacity and what it holds. */
  public record SlotView(String start, String localStart, int capacity, long taken, long free) {}

  /**
   * The queue's slots in the range; {@code slotMinutes} and {@code maxCallbacks} are null and
   * {@code slots} empty when the queue has no limit per slot.
   */
  public record SlotsView(
      long queueId,
      @JsonbNillable Integer slotMinutes,
      @JsonbNillable Integer maxCallbacks,
      String timeZone,
      List<SlotView> slots) {}

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
  @Operation(
      operationId = "listQueueSlots",
      summary = "A queue's slots and the room left in each",
      description =
          "Slots are aligned on the queue's slot length in UTC; taken counts the callbacks still to"
              + " come (SCHEDULED, QUEUED, RETRY_WAIT) due in the slot. The range is at most 31"
              + " days; from defaults to now, to to a day after from.")
  @APIResponse(
      responseCode = "200",
      description = "The slots, in time order",
      content = @Content(schema = @Schema(implementation = SlotsView.class)))
  @APIResponse(responseCode = "404", description = "Unknown queue")
  @APIResponse(responseCode = "422", description = "A parameter is wrong; see errors")
  public SlotsView list(
      @PathParam("id") long id,
      @Parameter(
              description = "From (RFC 3339); the slot holding it is the first listed",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Until (RFC 3339), excluded; at most 31 days after from",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("to")
          String to,
      @Parameter(description = "IANA zone for localStart (default UTC)") @QueryParam("timeZone")
          String timeZone) {
    Violations violations = new Violations();
    Optional<Instant> fromAt = violations.checkOptional(() -> Inputs.instant(from, "from"));
    Optional<Instant> toAt = violations.checkOptional(() -> Inputs.instant(to, "to"));
    Optional<ZoneId> zone =
        violations.checkOptional(() -> TimeZones.parseOptional(timeZone, "timeZone"));
    violations.throwIfAny();
    ZoneId shown = zone.orElse(ZoneOffset.UTC);
    var occupancy = slots.list(id, fromAt, toAt);
    var capacity = occupancy.capacity();
    List<SlotView> views =
        occupancy.taken().entrySet().stream()
            .map(
                e ->
                    new SlotView(
                        DateTimeFormatter.ISO_INSTANT.format(e.getKey().start()),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            e.getKey().start().atZone(shown).toOffsetDateTime()),
                        capacity.orElseThrow().maxCallbacks(),
                        e.getValue(),
                        capacity.orElseThrow().free(e.getValue())))
            .toList();
    return new SlotsView(
        id,
        capacity.map(c -> c.slotMinutes()).orElse(null),
        capacity.map(c -> c.maxCallbacks()).orElse(null),
        zone.map(ZoneId::getId).orElse("UTC"),
        views);
  }
}
