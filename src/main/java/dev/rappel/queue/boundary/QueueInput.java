package dev.rappel.queue.boundary;

import jakarta.validation.Valid;

/** Body of {@code POST /queues} and {@code PUT /queues/{id}}. */
public class QueueInput {
  public String name;
  @Valid public SettingsInput callbackSettings;

  /** Missing fields take the product's defaults. */
  public static class SettingsInput {
    public String mode;
    public Boolean agentQueueSelection;
    @Valid public OwnedInput ownedCallbacks;
    public Integer maxRetryCount;
    public Integer retryDelaySeconds;
  }

  public static class OwnedInput {
    public Boolean enabled;
    public Integer maxScheduleAheadHours;
    public Integer ownershipHours;
    public Boolean assignToQueueOnExpiry;
  }
}
