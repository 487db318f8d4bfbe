package dev.rappel.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One try to deliver an event (or a test event) to a subscription, as its delivery log shows it:
 * when, which event, the HTTP status or the error, and how long it took. A subscription keeps its
 * last {@link #KEEP} tries; older ones are trimmed as new ones are written.
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(
    name = WebhookDelivery.NEWEST,
    query =
        "SELECT d FROM WebhookDelivery d WHERE d.subscriptionId = :subscription ORDER BY d.id DESC")
@NamedQuery(
    name = WebhookDelivery.NEWEST_IDS,
    query =
        "SELECT d.id FROM WebhookDelivery d WHERE d.subscriptionId = :subscription"
            + " ORDER BY d.id DESC")
@NamedQuery(
    name = WebhookDelivery.TRIM,
    query =
        "DELETE FROM WebhookDelivery d WHERE d.subscriptionId = :subscription AND d.id < :oldestKept")
@NamedQuery(
    name = WebhookDelivery.FORGET,
    query = "DELETE FROM WebhookDelivery d WHERE d.subscriptionId = :subscription")
public class WebhookDelivery {
  public static final String NEWEST = "WebhookDelivery.newest";
  public static final String NEWEST_IDS = "WebhookDelivery.newestIds";
  public static final String TRIM = "WebhookDelivery.trim";
  public static final String FORGET = "WebhookDelivery.forget";

  /** Tries kept per subscription. */
  public static final int KEEP = 100;

  private static final int MAX_ERROR = 500;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "subscription_id")
  private long subscriptionId;

  @Column(name = "attempted_at")
  private Instant at;

  @Column(name = "event_id")
  private String eventId;

  @Column(name = "http_status")
  private Integer status;

  @Column(name = "error_text")
  private String error;

  @Column(name = "latency_ms")
  private long latencyMillis;

  protected WebhookDelivery() {}

  public WebhookDelivery(long subscriptionId, DeliveryResult result) {
    this.subscriptionId = subscriptionId;
    this.at = result.at();
    this.eventId = result.eventId();
    this.status = result.status().orElse(null);
    this.error =
        result
            .error()
            .map(e -> e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR) : e)
            .orElse(null);
    this.latencyMillis = result.latencyMillis();
  }

  /**
   * Given the ids of a subscription's tries, newest first (at least the newest {@code KEEP + 1}),
   * the oldest one kept: those below it are trimmed. Empty while there are no more than {@code
   * KEEP}.
   */
  public static Optional<Long> oldestKept(List<Long> newestFirst) {
    return newestFirst.size() > KEEP ? Optional.of(newestFirst.get(KEEP - 1)) : Optional.empty();
  }

  public DeliveryResult result() {
    return new DeliveryResult(
        eventId, at, Optional.ofNullable(status), Optional.ofNullable(error), latencyMillis);
  }
}
