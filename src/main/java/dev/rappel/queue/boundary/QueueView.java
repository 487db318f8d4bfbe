package dev.rappel.queue.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

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
      int maxCallMinutes) {}

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
            s.timeLimits().maxCallMinutes()),
        queue.members().stream().map(Agent::id).toList(),
        queue.externalId().orElse(null));
  }
}
