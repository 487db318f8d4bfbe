package dev.rappel.queue.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.compliance.entity.CallingHours;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A queue as the API shows it. */
public record QueueView(
    long id,
    String name,
    SettingsView callbackSettings,
    List<Long> memberIds,
    @JsonbNillable(false) String externalId) {

  public record SettingsView(
      String mode,
      boolean agentQueueSelection,
      OwnedView ownedCallbacks,
      int maxRetryCount,
      int retryDelaySeconds,
      int offerTimeoutSeconds,
      int maxCallMinutes,
      @jakarta.json.bind.annotation.JsonbNillable CallingHoursView callingHours,
      boolean allowCustomerRequestedOutsideHours,
      @jakarta.json.bind.annotation.JsonbNillable ContactCapView contactCap,
      String onInboundContact,
      int ownershipAlertMinutes,
      @jakarta.json.bind.annotation.JsonbNillable SlotCapacityView slotCapacity) {}

  /** {@code {"slotMinutes": 15, "maxCallbacks": 10}}, or null: no limit per slot. */
  public record SlotCapacityView(int slotMinutes, int maxCallbacks) {}

  /** Calling hours as pinned: days absent from {@code days} are closed. */
  public record CallingHoursView(Map<String, List<IntervalView>> days, List<String> closedDates) {
    static CallingHoursView of(CallingHours hours) {
      Map<String, List<IntervalView>> days = new LinkedHashMap<>();
      hours
          .days()
          .forEach(
              (day, intervals) ->
                  days.put(
                      day.name(),
                      intervals.stream()
                          .map(i -> new IntervalView(i.from().toString(), i.to().toString()))
                          .toList()));
      return new CallingHoursView(
          days, hours.closedDates().stream().map(LocalDate::toString).toList());
    }
  }

  public record IntervalView(String from, String to) {}

  public record ContactCapView(int maxAttempts, int perDays) {}

  public record OwnedView(
      boolean enabled,
      int maxScheduleAheadHours,
      int ownershipHours,
      boolean assignToQueueOnExpiry) {}

  public static QueueView of(Queue queue) {
    CallbackSettings s = queue.settings();
    OwnedCallbackPolicy o = s.ownedCallbacks();
    return new QueueView(
        queue.id(),
        queue.name(),
        new SettingsView(
            s.mode().name(),
            s.allowsAgentQueueSelection(),
            new OwnedView(
                o.isEnabled(),
                o.maxScheduleAheadHours(),
                o.ownershipHours(),
                o.assignToQueueOnExpiry()),
            s.maxRetryCount(),
            s.retryDelaySeconds(),
            s.timeLimits().offerTimeoutSeconds(),
            s.timeLimits().maxCallMinutes(),
            s.contactPolicy().callingHours().map(CallingHoursView::of).orElse(null),
            s.contactPolicy().allowsCustomerRequestedOutsideHours(),
            s.contactPolicy()
                .contactCap()
                .map(c -> new ContactCapView(c.maxAttempts(), c.perDays()))
                .orElse(null),
            s.customerCare().onInboundContact().name(),
            s.customerCare().ownershipAlertMinutes(),
            s.slotCapacity()
                .map(c -> new SlotCapacityView(c.slotMinutes(), c.maxCallbacks()))
                .orElse(null)),
        queue.members().stream().map(Agent::id).toList(),
        queue.externalId().orElse(null));
  }
}
