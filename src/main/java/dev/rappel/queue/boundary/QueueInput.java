package dev.rappel.queue.boundary;

import dev.rappel.compliance.entity.CallingHours;
import dev.rappel.compliance.entity.ContactCap;
import dev.rappel.compliance.entity.ContactPolicy;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.CallbackMode;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.CustomerCarePolicy;
import dev.rappel.queue.entity.InboundContactAction;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.SlotCapacity;
import dev.rappel.queue.entity.TimeLimits;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Body of {@code POST /queues} and {@code PUT /queues/{id}}. */
public class QueueInput {
  public String name;
  @Valid public SettingsInput callbackSettings;

  /**
   * Its id in another system (e.g. the Genesys Cloud queue UUID), unique; on update absent leaves
   * it, empty removes it.
   */
  public String externalId;

  /** Missing fields take the product's defaults. */
  public static class SettingsInput {
    public String mode;
    public Boolean agentQueueSelection;
    @Valid public OwnedInput ownedCallbacks;
    public Integer maxRetryCount;
    public Integer retryDelaySeconds;
    public Integer offerTimeoutSeconds;
    public Integer maxCallMinutes;
    @Valid public CallingHoursInput callingHours;
    public Boolean allowCustomerRequestedOutsideHours;
    @Valid public ContactCapInput contactCap;

    /** {@code CANCEL}, {@code NOTIFY} (default) or {@code KEEP}. */
    public String onInboundContact;

    /** Minutes before an ownership ends that its owner is alerted (default 60, 0 = off). */
    public Integer ownershipAlertMinutes;

    /** {@code {"slotMinutes": 15, "maxCallbacks": 10}}; null or absent = no limit. */
    @Valid public SlotCapacityInput slotCapacity;
  }

  public static class SlotCapacityInput {
    public Integer slotMinutes;
    public Integer maxCallbacks;
  }

  /** {@code {"days": {"MONDAY": [{"from": "08:00", "to": "21:00"}]}, "closedDates": [...]}}. */
  public static class CallingHoursInput {
    public java.util.Map<String, java.util.List<IntervalInput>> days;
    public java.util.List<String> closedDates;
  }

  public static class IntervalInput {
    public String from;
    public String to;
  }

  /** {@code {"maxAttempts": 7, "perDays": 7}}. */
  public static class ContactCapInput {
    public Integer maxAttempts;
    public Integer perDays;
  }

  public static class OwnedInput {
    public Boolean enabled;
    public Integer maxScheduleAheadHours;
    public Integer ownershipHours;
    public Boolean assignToQueueOnExpiry;
  }

  /**
   * The settings these fields describe, missing ones taking the defaults; every field that breaks a
   * rule is reported at once. The API and the admin console both build settings here.
   */
  static CallbackSettings settings(SettingsInput in) {
    CallbackSettings defaults = CallbackSettings.defaults();
    if (in == null) {
      return defaults;
    }
    Violations violations = new Violations();
    CallbackMode mode =
        violations.check(
            () ->
                Inputs.enumValue(in.mode, CallbackMode.class, "callbackSettings.mode")
                    .orElse(defaults.mode()));
    OwnedCallbackPolicy owned = violations.check(() -> owned(in.ownedCallbacks));
    TimeLimits limits = violations.check(() -> timeLimits(in));
    CallbackSettings settings =
        violations.check(
            () ->
                new CallbackSettings(
                    mode,
                    in.agentQueueSelection != null
                        ? in.agentQueueSelection
                        : defaults.allowsAgentQueueSelection(),
                    owned,
                    in.maxRetryCount != null ? in.maxRetryCount : defaults.maxRetryCount(),
                    in.retryDelaySeconds != null
                        ? in.retryDelaySeconds
                        : defaults.retryDelaySeconds(),
                    limits));
    ContactPolicy policy = violations.check(() -> contactPolicy(in));
    CustomerCarePolicy care = violations.check(() -> customerCare(in));
    Optional<SlotCapacity> slots = violations.checkOptional(() -> slotCapacity(in));
    violations.throwIfAny();
    return settings.withContactPolicy(policy).withCustomerCare(care).withSlotCapacity(slots);
  }

  private static Optional<SlotCapacity> slotCapacity(SettingsInput in) {
    if (in.slotCapacity == null) {
      return Optional.empty();
    }
    if (in.slotCapacity.slotMinutes == null || in.slotCapacity.maxCallbacks == null) {
      throw new RuleViolation(
          "callbackSettings.slotCapacity",
          "needs both slotMinutes (15, 30 or 60) and maxCallbacks (or null for no limit).");
    }
    return Optional.of(new SlotCapacity(in.slotCapacity.slotMinutes, in.slotCapacity.maxCallbacks));
  }

  private static CustomerCarePolicy customerCare(SettingsInput in) {
    Violations violations = new Violations();
    InboundContactAction action =
        violations.check(
            () ->
                Inputs.enumValue(
                        in.onInboundContact,
                        InboundContactAction.class,
                        "callbackSettings.onInboundContact")
                    .orElse(InboundContactAction.NOTIFY));
    violations.throwIfAny();
    return new CustomerCarePolicy(
        action,
        in.ownershipAlertMinutes != null
            ? in.ownershipAlertMinutes
            : CustomerCarePolicy.DEFAULT_OWNERSHIP_ALERT_MINUTES);
  }

  private static ContactPolicy contactPolicy(SettingsInput in) {
    Violations violations = new Violations();
    Optional<CallingHours> hours =
        Optional.ofNullable(in.callingHours)
            .map(
                h ->
                    violations.check(
                        () ->
                            CallingHours.parse(
                                h.days == null ? Map.of() : intervals(h.days),
                                h.closedDates,
                                "callbackSettings.callingHours")));
    Optional<ContactCap> cap = Optional.empty();
    if (in.contactCap != null) {
      if (in.contactCap.maxAttempts == null || in.contactCap.perDays == null) {
        violations.add(
            "callbackSettings.contactCap",
            "needs both maxAttempts and perDays (or null for no cap).");
      } else {
        cap =
            Optional.ofNullable(
                violations.check(
                    () -> new ContactCap(in.contactCap.maxAttempts, in.contactCap.perDays)));
      }
    }
    violations.throwIfAny();
    return new ContactPolicy(
        hours,
        in.allowCustomerRequestedOutsideHours != null && in.allowCustomerRequestedOutsideHours,
        cap);
  }

  private static Map<String, List<String[]>> intervals(Map<String, List<IntervalInput>> days) {
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    days.forEach(
        (day, list) ->
            out.put(
                day,
                list == null
                    ? List.of()
                    : list.stream()
                        .map(i -> i == null ? new String[2] : new String[] {i.from, i.to})
                        .toList()));
    return out;
  }

  private static TimeLimits timeLimits(SettingsInput in) {
    TimeLimits defaults = TimeLimits.defaults();
    return new TimeLimits(
        in.offerTimeoutSeconds != null ? in.offerTimeoutSeconds : defaults.offerTimeoutSeconds(),
        in.maxCallMinutes != null ? in.maxCallMinutes : defaults.maxCallMinutes());
  }

  private static OwnedCallbackPolicy owned(OwnedInput in) {
    OwnedCallbackPolicy defaults = OwnedCallbackPolicy.defaults();
    if (in == null) {
      return defaults;
    }
    return new OwnedCallbackPolicy(
        in.enabled != null ? in.enabled : defaults.isEnabled(),
        in.maxScheduleAheadHours != null
            ? in.maxScheduleAheadHours
            : defaults.maxScheduleAheadHours(),
        in.ownershipHours != null ? in.ownershipHours : defaults.ownershipHours(),
        in.assignToQueueOnExpiry != null
            ? in.assignToQueueOnExpiry
            : defaults.assignToQueueOnExpiry());
  }
}
