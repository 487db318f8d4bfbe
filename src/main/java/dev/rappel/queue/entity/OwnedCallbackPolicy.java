package dev.rappel.queue.entity;

import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether agents may take ownership of the callbacks they schedule on this queue, and its limits.
 */
@Embeddable
public class OwnedCallbackPolicy {
  public static final int MIN_HOURS = 1;
  public static final int MAX_HOURS = 720;

  @Column(name = "owned_enabled", nullable = false)
  private boolean enabled;

  @Column(name = "owned_max_ahead_hours", nullable = false)
  private int maxScheduleAheadHours;

  @Column(name = "ownership_hours", nullable = false)
  private int ownershipHours;

  @Column(name = "assign_to_queue_on_expiry", nullable = false)
  private boolean assignToQueueOnExpiry;

  protected OwnedCallbackPolicy() {}

  public OwnedCallbackPolicy(
      boolean enabled,
      int maxScheduleAheadHours,
      int ownershipHours,
      boolean assignToQueueOnExpiry) {
    requireHours("callbackSettings.ownedCallbacks.maxScheduleAheadHours", maxScheduleAheadHours);
    requireHours("callbackSettings.ownedCallbacks.ownershipHours", ownershipHours);
    this.enabled = enabled;
    this.maxScheduleAheadHours = maxScheduleAheadHours;
    this.ownershipHours = ownershipHours;
    this.assignToQueueOnExpiry = assignToQueueOnExpiry;
  }

  public static OwnedCallbackPolicy defaults() {
    return new OwnedCallbackPolicy(false, 720, 168, true);
  }

  private static void requireHours(String field, int hours) {
    if (hours < MIN_HOURS || hours > MAX_HOURS) {
      throw new RuleViolation(
          field, "must be between 1 hour and 30 days (1 to 720 hours), was " + hours + ".");
    }
  }

  /**
   * When ownership of a callback scheduled for {@code scheduledAt} ends, or a violation when the
   * policy refuses ownership (disabled, or scheduled further ahead than the policy allows).
   */
  public Instant ownershipExpiry(Instant scheduledAt, Instant now, String field) {
    if (!enabled) {
      throw new RuleViolation(field, "This queue does not allow agents to take ownership.");
    }
    if (scheduledAt.isAfter(latestSchedule(now))) {
      throw new RuleViolation(
          field,
          "An owned callback may be scheduled at most "
              + describeHours(maxScheduleAheadHours)
              + " ahead on this queue.");
    }
    return scheduledAt.plus(Duration.ofHours(ownershipHours));
  }

  /** The latest instant an owned callback may be scheduled for, seen from {@code now}. */
  public Instant latestSchedule(Instant now) {
    return now.plus(Duration.ofHours(maxScheduleAheadHours));
  }

  static String describeHours(int hours) {
    if (hours % 24 == 0) {
      int days = hours / 24;
      return days == 1 ? "1 day" : days + " days";
    }
    return hours == 1 ? "1 hour" : hours + " hours";
  }

  public boolean isEnabled() {
    return enabled;
  }

  public int maxScheduleAheadHours() {
    return maxScheduleAheadHours;
  }

  public int ownershipHours() {
    return ownershipHours;
  }

  public boolean assignToQueueOnExpiry() {
    return assignToQueueOnExpiry;
  }
}
