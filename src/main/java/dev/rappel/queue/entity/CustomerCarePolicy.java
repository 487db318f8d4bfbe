package dev.rappel.queue.entity;

import dev.rappel.platform.entity.Violations;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a queue keeps its promises to customers: what happens to a waiting callback when the customer
 * got through another way, and how long before an owned callback's ownership ends its owner is
 * warned.
 */
@Embeddable
public class CustomerCarePolicy {
  public static final int DEFAULT_OWNERSHIP_ALERT_MINUTES = 60;

  /** A day: an owner warned earlier than that is not warned, it is distracted. */
  public static final int MAX_OWNERSHIP_ALERT_MINUTES = 1440;

  @Enumerated(EnumType.STRING)
  @Column(name = "on_inbound_contact", nullable = false, length = 10)
  private InboundContactAction onInboundContact;

  @Column(name = "ownership_alert_minutes", nullable = false)
  private int ownershipAlertMinutes;

  protected CustomerCarePolicy() {}

  /**
   * A missing action is {@code NOTIFY}; the alert comes 0 (off) to 1440 minutes before the end of
   * an ownership.
   */
  public CustomerCarePolicy(InboundContactAction onInboundContact, int ownershipAlertMinutes) {
    Violations violations = new Violations();
    if (ownershipAlertMinutes < 0 || ownershipAlertMinutes > MAX_OWNERSHIP_ALERT_MINUTES) {
      violations.add(
          "callbackSettings.ownershipAlertMinutes",
          "must be between 0 (no alert) and 1440 minutes (1 day), was "
              + ownershipAlertMinutes
              + ".");
    }
    violations.throwIfAny();
    this.onInboundContact =
        onInboundContact == null ? InboundContactAction.NOTIFY : onInboundContact;
    this.ownershipAlertMinutes = ownershipAlertMinutes;
  }

  /** Notify the agent; alert owners an hour ahead. */
  public static CustomerCarePolicy defaults() {
    return new CustomerCarePolicy(InboundContactAction.NOTIFY, DEFAULT_OWNERSHIP_ALERT_MINUTES);
  }

  public InboundContactAction onInboundContact() {
    return onInboundContact;
  }

  public int ownershipAlertMinutes() {
    return ownershipAlertMinutes;
  }

  /**
   * When the owner of an ownership ending at {@code expiresAt} is alerted: that many minutes
   * before; empty when alerts are off.
   */
  public Optional<Instant> ownershipAlertAt(Instant expiresAt) {
    if (ownershipAlertMinutes == 0 || expiresAt == null) {
      return Optional.empty();
    }
    return Optional.of(expiresAt.minus(Duration.ofMinutes(ownershipAlertMinutes)));
  }
}
