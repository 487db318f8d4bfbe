package dev.rappel.queue.entity;

import dev.rappel.platform.entity.Violations;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;

/**
 * How long a callback may wait in an agent's hands: an offer nobody answers, a call that never
 * ends. Past these limits the engine takes it back, so no waiting state lasts forever.
 */
@Embeddable
public class TimeLimits {
  public static final int MIN_OFFER_TIMEOUT_SECONDS = 10;
  public static final int MAX_OFFER_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_OFFER_TIMEOUT_SECONDS = 30;
  public static final int MIN_CALL_MINUTES = 5;
  public static final int MAX_CALL_MINUTES = 1440;
  public static final int DEFAULT_MAX_CALL_MINUTES = 240;

  @Column(name = "offer_timeout_seconds", nullable = false)
  private int offerTimeoutSeconds;

  @Column(name = "max_call_minutes", nullable = false)
  private int maxCallMinutes;

  protected TimeLimits() {}

  public TimeLimits(int offerTimeoutSeconds, int maxCallMinutes) {
    Violations violations = new Violations();
    if (offerTimeoutSeconds < MIN_OFFER_TIMEOUT_SECONDS
        || offerTimeoutSeconds > MAX_OFFER_TIMEOUT_SECONDS) {
      violations.add(
          "callbackSettings.offerTimeoutSeconds",
          "must be between 10 seconds and 10 minutes (10 to 600 seconds), was "
              + offerTimeoutSeconds
              + ".");
    }
    if (maxCallMinutes < MIN_CALL_MINUTES || maxCallMinutes > MAX_CALL_MINUTES) {
      violations.add(
          "callbackSettings.maxCallMinutes",
          "must be between 5 minutes and 1 day (5 to 1440 minutes), was " + maxCallMinutes + ".");
    }
    violations.throwIfAny();
    this.offerTimeoutSeconds = offerTimeoutSeconds;
    this.maxCallMinutes = maxCallMinutes;
  }

  /** An offer waits 30 seconds for its agent; a call may last 4 hours. */
  public static TimeLimits defaults() {
    return new TimeLimits(DEFAULT_OFFER_TIMEOUT_SECONDS, DEFAULT_MAX_CALL_MINUTES);
  }

  /** How long an agent has to accept or decline an offer. */
  public Duration offerTimeout() {
    return Duration.ofSeconds(offerTimeoutSeconds);
  }

  /** How long a connected call may last before the system completes it. */
  public Duration maxCall() {
    return Duration.ofMinutes(maxCallMinutes);
  }

  public int offerTimeoutSeconds() {
    return offerTimeoutSeconds;
  }

  public int maxCallMinutes() {
    return maxCallMinutes;
  }
}
