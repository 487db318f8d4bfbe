package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RefusedTime;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.queue.entity.Queue;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The agent's "Schedule a callback" page: the interactions it handles, and for the chosen one a
 * form with the product's defaults. It maps the form to the same use case as the REST API and maps
 * rule violations back to messages beside their fields.
 */
@Named("schedule")
@ViewScoped
public class ScheduleCallbackPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.SPOKEN;
  private static final List<String> ZONES = TimeZones.ids();

  @Inject Callbacks callbacks;

  @Inject ScheduleForms forms;

  @Inject PhoneNumbers phoneNumbers;

  @Inject Caller caller;

  private Long interactionId;
  private ScheduleForms.ScheduleForm form;
  private LocalDate date;
  private String time;
  private String timeZone;
  private String phoneNumber;
  private Long queueId;
  private boolean routeToMe;
  private boolean takeOwnership;
  private String notes;
  private String callingHours = "";
  private String fullSlots = "";
  private List<ScheduleSuggestion> suggestions = List.of();

  /** Called when the page opens with {@code ?interaction=ID}: the defaults of that interaction. */
  public void load() {
    if (interactionId == null) {
      return;
    }
    try {
      form = forms.scheduleForm(interactionId, caller);
      date = form.date();
      time = form.time().toString();
      phoneNumber = form.ani();
      queueId = form.queueId();
      refreshCallingHours();
    } catch (NotFound | Forbidden e) {
      form = null;
      error(null, e.getMessage());
    }
  }

  public void submit() {
    suggestions = List.of();
    ScheduleInput in = new ScheduleInput();
    in.date = date == null ? null : date.toString();
    in.time = time;
    in.timeZone = timeZone;
    in.phoneNumber = phoneNumber;
    in.queueId = form.queueSelection() ? queueId : null;
    in.routeToMe = routeToMe;
    in.takeOwnership = form.ownedCallbacks() && takeOwnership;
    in.notes = notes;
    try {
      Callback callback =
          callbacks.scheduleFromInteraction(interactionId, in.toCommand(phoneNumbers), caller);
      form = forms.scheduleForm(interactionId, caller);
      info("Callback scheduled for " + callback.time().describe() + ".");
    } catch (RefusedTime refused) {
      // beside the time, whichever field the rule names, with the allowed times to pick from
      error("form:time", refused.errors().get(0).message());
      String zone = formZone().getId();
      suggestions =
          refused.suggestedAt().stream().map(s -> ScheduleSuggestion.of(s, zone)).toList();
    } catch (RuleViolation violation) {
      for (FieldError error : violation.errors()) {
        error(fieldId(error.field()), error.message());
      }
    } catch (Conflict | Forbidden e) {
      error(null, e.getMessage());
    }
  }

  /** One click on a suggested time: the form takes it and books it. */
  public void bookSuggestion(int index) {
    if (index < 0 || index >= suggestions.size()) {
      return;
    }
    ScheduleSuggestion chosen = suggestions.get(index);
    date = chosen.date();
    time = chosen.time();
    submit();
  }

  /**
   * The chosen queue's calling hours in the customer's zone, after a change of queue, number or
   * zone; suggestions made for the former ones are dropped.
   */
  public void refreshCallingHours() {
    suggestions = List.of();
    if (form == null || queueId == null) {
      callingHours = "";
      return;
    }
    callingHours =
        forms.callingHours(queueId, number(), givenZone(), ZoneId.of(form.agentZone())).orElse("");
    refreshFullSlots();
  }

  /** The chosen day's full slots, after a change of day, queue or zone. */
  public void refreshFullSlots() {
    fullSlots =
        form == null || queueId == null
            ? ""
            : forms
                .fullSlots(queueId, date, givenZone().orElse(ZoneId.of(form.agentZone())))
                .orElse("");
  }

  // until number and zone are valid the hours are shown without them; booking says what is wrong
  private Optional<PhoneNumber> number() {
    try {
      return phoneNumbers.parseOptional(phoneNumber, "phoneNumber");
    } catch (RuleViolation e) {
      return Optional.empty();
    }
  }

  private Optional<ZoneId> givenZone() {
    try {
      return TimeZones.parseOptional(timeZone, "timeZone");
    } catch (RuleViolation e) {
      return Optional.empty();
    }
  }

  /** The zone the form's date and time are read in: the customer's if given, else the agent's. */
  private ZoneId formZone() {
    return givenZone().orElse(ZoneId.of(form.agentZone()));
  }

  private static String fieldId(String field) {
    return switch (field) {
      case "date",
          "time",
          "timeZone",
          "phoneNumber",
          "queueId",
          "routeToMe",
          "takeOwnership",
          "notes" ->
          "form:" + field;
      default -> null;
    };
  }

  /** The chosen time in the customer's zone and in the agent's, or why it cannot be shown. */
  public String getPreview() {
    if (form == null || date == null || time == null) {
      return "";
    }
    try {
      ZoneId agentZone = ZoneId.of(form.agentZone());
      ZoneId customerZone = TimeZones.parseOptional(timeZone, "timeZone").orElse(agentZone);
      var local = date.atTime(dev.rappel.platform.boundary.Inputs.time(time, "time").orElseThrow());
      CallbackTime at = CallbackTime.atLocal(local, customerZone, "time");
      return "Customer: "
          + at.customerLocalTime().format(SHOWN)
          + " ("
          + customerZone.getId()
          + ") · You: "
          + at.localTimeIn(agentZone).format(SHOWN)
          + " ("
          + agentZone.getId()
          + ")";
    } catch (RuleViolation | java.util.NoSuchElementException e) {
      return "";
    }
  }

  /** The last day the date picker offers: 30 days, or the queue's limit for an owned callback. */
  public LocalDate getMaxDate() {
    if (form == null) {
      return null;
    }
    return form.ownedCallbacks() && takeOwnership ? form.lastOwnedDay() : form.lastDay();
  }

  public LocalDate getToday() {
    return form == null ? null : form.today();
  }

  public List<ScheduleForms.AgentInteraction> getInteractions() {
    return forms.interactionsOf(caller);
  }

  public List<Queue> getQueues() {
    return form != null && form.queueSelection() ? forms.queues() : List.of();
  }

  public List<String> getZones() {
    return ZONES;
  }

  public boolean isScheduled() {
    return form != null && form.existingCallback().isPresent();
  }

  public String getScheduledText() {
    return form == null
        ? ""
        : form.existingCallback()
            .map(
                c ->
                    "A callback is already scheduled for this interaction ("
                        + c.time()
                        + ", "
                        + c.state()
                        + "): only one callback per interaction.")
            .orElse("");
  }

  public String getFullSlots() {
    return fullSlots;
  }

  public String getCallingHours() {
    return callingHours;
  }

  public List<ScheduleSuggestion> getSuggestions() {
    return suggestions;
  }

  public ScheduleForms.ScheduleForm getForm() {
    return form;
  }

  public Long getInteractionId() {
    return interactionId;
  }

  public void setInteractionId(Long interactionId) {
    this.interactionId = interactionId;
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

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getPhoneNumber() {
    return phoneNumber;
  }

  public void setPhoneNumber(String phoneNumber) {
    this.phoneNumber = phoneNumber;
  }

  public Long getQueueId() {
    return queueId;
  }

  public void setQueueId(Long queueId) {
    this.queueId = queueId;
  }

  public boolean isRouteToMe() {
    return routeToMe;
  }

  public void setRouteToMe(boolean routeToMe) {
    this.routeToMe = routeToMe;
  }

  public boolean isTakeOwnership() {
    return takeOwnership;
  }

  public void setTakeOwnership(boolean takeOwnership) {
    this.takeOwnership = takeOwnership;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }
}
