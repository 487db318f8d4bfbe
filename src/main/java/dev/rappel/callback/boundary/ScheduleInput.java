package dev.rappel.callback.boundary;

import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.platform.entity.Violations;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /interactions/{id}/callback}; every field is optional and defaults by the
 * product's rules (today, now + 30 minutes, the caller's number, the interaction's queue).
 */
public class ScheduleInput {
  /** YYYY-MM-DD in the customer's zone (or the agent's). */
  @Schema(description = "In the customer's zone (or the agent's)", format = "date")
  public String date;

  /** HH:mm in the customer's zone (or the agent's). */
  public String time;

  /** The customer's IANA zone. */
  public String timeZone;

  public String phoneNumber;
  public Long queueId;
  public Boolean routeToMe;
  public Boolean takeOwnership;
  public String notes;

  /**
   * The customer asked for this time although it is outside the queue's calling hours (only where
   * the queue allows it); recorded in the history.
   */
  public Boolean outsideHoursConsent;

  /** Parses the text fields, reporting every mistake at once. */
  Callbacks.ScheduleCommand toCommand(PhoneNumbers phoneNumbers) {
    Violations violations = new Violations();
    Optional<LocalDate> day = violations.checkOptional(() -> Inputs.date(date, "date"));
    Optional<LocalTime> at = violations.checkOptional(() -> Inputs.time(time, "time"));
    Optional<ZoneId> zone =
        violations.checkOptional(() -> TimeZones.parseOptional(timeZone, "timeZone"));
    Optional<PhoneNumber> phone =
        violations.checkOptional(() -> phoneNumbers.parseOptional(phoneNumber, "phoneNumber"));
    violations.throwIfAny();
    return new Callbacks.ScheduleCommand(
        day,
        at,
        zone,
        phone,
        Optional.ofNullable(queueId),
        Boolean.TRUE.equals(routeToMe),
        Boolean.TRUE.equals(takeOwnership),
        Optional.ofNullable(notes),
        Boolean.TRUE.equals(outsideHoursConsent));
  }
}
