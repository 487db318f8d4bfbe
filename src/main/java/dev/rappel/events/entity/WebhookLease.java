package dev.rappel.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The right to send webhooks, held by one server instance at a time for a limited time. The holder
 * renews it as it works; an instance that stops renewing (it crashed, or hangs) loses it when it
 * runs out, and another takes over. Two instances that claim it at once both change one row under a
 * version check, so only one of them wins.
 */
@Entity
@Table(name = "webhook_lease")
public class WebhookLease {
  /** The one lease the webhook sender takes. */
  public static final String SENDER = "sender";

  @Id private String name;

  private String holder;

  @Column(name = "held_until")
  private Instant heldUntil;

  @Version private long version;

  protected WebhookLease() {}

  /** A lease nobody holds. */
  public WebhookLease(String name) {
    this.name = name;
    this.heldUntil = Instant.EPOCH;
  }

  /**
   * Takes the lease for {@code claimant} until {@code now + length}, or renews it if the claimant
   * holds it already. Refused while another holds it: up to, not including, the instant its lease
   * ends.
   */
  public boolean claim(String claimant, Instant now, Duration length) {
    if (isHeldByAnotherThan(claimant, now)) {
      return false;
    }
    holder = claimant;
    heldUntil = now.plus(length);
    return true;
  }

  /** {@code claimant} holds it at {@code now}: it took it, and it has not run out. */
  public boolean isHeldBy(String claimant, Instant now) {
    return claimant.equals(holder) && now.isBefore(heldUntil);
  }

  private boolean isHeldByAnotherThan(String claimant, Instant now) {
    return holder != null && !holder.equals(claimant) && now.isBefore(heldUntil);
  }

  public Optional<String> holder() {
    return Optional.ofNullable(holder);
  }

  public Instant heldUntil() {
    return heldUntil;
  }
}
