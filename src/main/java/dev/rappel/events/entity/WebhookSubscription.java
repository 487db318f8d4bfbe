package dev.rappel.events.entity;

import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A receiver an admin subscribed through the API: where events go, which ones ({@link
 * EventFilter}), the secret they are signed with, and how delivery has been going. A subscription
 * that has failed without a single success for the configured time ({@code
 * rappel.webhooks.disable-after-hours}) is disabled with the reason; nothing is queued for it until
 * an admin enables it again.
 *
 * <p>The secret is kept as it is, not hashed: the server must sign with it. It leaves the server
 * once, in the answer to the creation.
 */
@Entity
@Table(name = "webhook_subscription")
@NamedQuery(
    name = WebhookSubscription.ALL,
    query = "SELECT s FROM WebhookSubscription s ORDER BY s.id")
@NamedQuery(
    name = WebhookSubscription.ENABLED,
    query = "SELECT s FROM WebhookSubscription s WHERE s.disabledAt IS NULL ORDER BY s.id")
public class WebhookSubscription {
  public static final String ALL = "WebhookSubscription.all";
  public static final String ENABLED = "WebhookSubscription.enabled";

  /**
   * The outbox's subscription id of the subscriber configured in the server's settings ({@code
   * rappel.webhooks.url}); never a subscription's id.
   */
  public static final long CONFIGURED = 0;

  private static final int MAX_FAILURE_TEXT = 500;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String url;

  private String events;

  @Column(name = "queue_ids")
  private String queueIds;

  private String secret;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "last_success_at")
  private Instant lastSuccessAt;

  @Column(name = "failing_since")
  private Instant failingSince;

  @Column(name = "last_failure")
  private String lastFailure;

  @Column(name = "disabled_at")
  private Instant disabledAt;

  @Column(name = "disabled_reason")
  private String disabledReason;

  protected WebhookSubscription() {}

  /**
   * A subscription of {@code url} (checked with {@link WebhookAddress#urlProblem}; its addresses
   * are the caller's to check) to the events {@code filter} lets through, signed with {@code
   * secret}.
   */
  public WebhookSubscription(
      String url, EventFilter filter, String secret, Instant now, String createdBy) {
    WebhookAddress.urlProblem(url)
        .ifPresent(
            problem -> {
              throw new RuleViolation("url", problem);
            });
    this.url = url.strip();
    this.events = filter.eventsColumn();
    this.queueIds = filter.queueIdsColumn();
    this.secret = secret;
    this.createdAt = now;
    this.createdBy = createdBy;
  }

  /** The receiver took an event at {@code at}: it is not failing any more. */
  public void succeeded(Instant at) {
    if (lastSuccessAt == null || at.isAfter(lastSuccessAt)) {
      lastSuccessAt = at;
    }
    failingSince = null;
  }

  /**
   * The receiver did not take an event at {@code at} ({@code what}: its status or the error). Once
   * it has failed for {@code disableAfter} since its first failure after its last success (that
   * instant included), the subscription is disabled, with the reason. Answers whether this failure
   * disabled it.
   */
  public boolean failed(Instant at, String what, Duration disableAfter) {
    lastFailure = what.length() > MAX_FAILURE_TEXT ? what.substring(0, MAX_FAILURE_TEXT) : what;
    if (disabledAt != null) {
      return false;
    }
    if (failingSince == null) {
      failingSince = at;
    }
    if (at.isBefore(failingSince.plus(disableAfter))) {
      return false;
    }
    disabledAt = at;
    disabledReason =
        "failing since "
            + failingSince
            + " ("
            + disableAfter.toHours()
            + " hours without a successful delivery): last "
            + lastFailure;
    return true;
  }

  /**
   * Disabled, pending events dropped: the reason says how many. (Events for a disabled subscription
   * are not queued.)
   */
  public void droppedPending(int count) {
    if (disabledReason != null && count > 0) {
      disabledReason = disabledReason + "; " + count + " pending events dropped";
    }
  }

  /** Sends again from now on, as a new start: the failures before do not count. */
  public void enable() {
    disabledAt = null;
    disabledReason = null;
    failingSince = null;
  }

  public boolean isEnabled() {
    return disabledAt == null;
  }

  public EventFilter filter() {
    return EventFilter.fromColumns(events, queueIds);
  }

  public Long id() {
    return id;
  }

  public String url() {
    return url;
  }

  /** For signing only: never shown after the creation. */
  public String secret() {
    return secret;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public Optional<Instant> lastSuccessAt() {
    return Optional.ofNullable(lastSuccessAt);
  }

  public Optional<Instant> failingSince() {
    return Optional.ofNullable(failingSince);
  }

  public Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  public Optional<Instant> disabledAt() {
    return Optional.ofNullable(disabledAt);
  }

  public Optional<String> disabledReason() {
    return Optional.ofNullable(disabledReason);
  }
}
