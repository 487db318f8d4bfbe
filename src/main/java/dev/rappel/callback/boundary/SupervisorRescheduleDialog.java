package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.platform.entity.Violations;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.primefaces.PrimeFaces;

/**
 * The supervisor moves one callback to another date and time, typed in the customer's zone or any
 * other, and may make that zone the customer's from now on.
 */
@Named("supervisorReschedule")
@ViewScoped
public class SupervisorRescheduleDialog implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
  private static final List<String> ZONES = TimeZones.ids();

  @Inject Callbacks callbacks;

  @Inject SupervisorOverviewPage overview;

  @Inject Caller caller;

  private Opened callback;
  private LocalDate date;
  private String time;
  private String zone;
  // the zone the date and time are shown in, to move them when another zone is chosen
  private String shownZone;
  private boolean customerZoneFromNow;

  /** The callback the dialog works on, as it was when the dialog opened. */
  public record Opened(long id, String title, String customerZone, String scheduled)
      implements Serializable {}

  /** Opens the dialog on one callback, at its time in the customer's zone. */
  public void open(long id) {
    try {
      Callback c = callbacks.find(id, caller);
      var at = c.time();
      callback =
          new Opened(c.id(), SupervisorDetailDialog.title(c), at.zone().getId(), at.describe());
      zone = at.zone().getId();
      shownZone = zone;
      date = at.customerLocalTime().toLocalDate();
      time = at.customerLocalTime().toLocalTime().format(HOUR);
      customerZoneFromNow = false;
    } catch (NotFound | Forbidden e) {
      callback = null;
      error(null, e.getMessage());
    }
  }

  /**
   * Another zone to type the time in: the date and time shown follow, so they still mean the same
   * instant.
   */
  public void zoneChanged() {
    try {
      ZoneId before = ZoneId.of(shownZone);
      ZoneId after = TimeZones.parseOptional(zone, "timeZone").orElseThrow();
      LocalTime typed = Inputs.time(time, "time").orElseThrow();
      var moved = date.atTime(typed).atZone(before).withZoneSameInstant(after);
      date = moved.toLocalDate();
      time = moved.toLocalTime().format(HOUR);
      shownZone = after.getId();
    } catch (RuntimeException unreadable) {
      // what was typed cannot be read yet: leave it as it is, the save explains why
    }
  }

  public void reschedule() {
    if (callback == null) {
      return;
    }
    Violations violations = new Violations();
    ZoneId in =
        violations.check(
            () ->
                TimeZones.parseOptional(zone, "timeZone")
                    .orElseThrow(
                        () ->
                            new RuleViolation(
                                "timeZone", "Choose the time zone of the time you typed.")));
    LocalTime typed =
        violations.check(
            () ->
                Inputs.time(time, "time")
                    .orElseThrow(() -> new RuleViolation("time", "Enter a time as HH:mm.")));
    if (date == null) {
      violations.add("date", "Enter a date as YYYY-MM-DD.");
    }
    try {
      violations.throwIfAny();
      CallbackTime at = CallbackTime.atLocal(date.atTime(typed), in, "time");
      var command =
          new Callbacks.ChangeCommand(
              Optional.of(at.instant()),
              customerZoneFromNow ? Optional.of(in) : Optional.empty(),
              Optional.empty(),
              false,
              Optional.empty());
      Callback changed = callbacks.change(callback.id(), command, Optional.empty(), caller);
      info("Callback " + changed.id() + " rescheduled to " + changed.time().describe() + ".");
      overview.refresh();
      // the dialog closes only when the change went through
      PrimeFaces.current().ajax().addCallbackParam("saved", true);
    } catch (RuleViolation violation) {
      showErrors(violation.errors());
    } catch (Conflict | NotFound | Forbidden e) {
      error("reschedule", e.getMessage());
    } catch (EJBException e) {
      error("reschedule", ConcurrentChange.behind(e).getMessage());
    }
  }

  private static void showErrors(List<FieldError> errors) {
    for (FieldError e : errors) {
      String field =
          switch (e.field()) {
            case "date", "scheduledAt" -> "reschedule:date";
            case "time" -> "reschedule:time";
            case "timeZone" -> "reschedule:zone";
            default -> "reschedule";
          };
      error(field, e.message());
    }
  }

  public Opened getCallback() {
    return callback;
  }

  public List<String> getZones() {
    return ZONES;
  }

  public LocalDate getDate() {
    return date;
  }

  public void setDate(LocalDate date) {
    this.date = date;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
  }

  public boolean isCustomerZoneFromNow() {
    return customerZoneFromNow;
  }

  public void setCustomerZoneFromNow(boolean customerZoneFromNow) {
    this.customerZoneFromNow = customerZoneFromNow;
  }
}
