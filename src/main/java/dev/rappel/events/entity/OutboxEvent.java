package dev.rappel.events.entity;

import dev.rappel.platform.entity.IdBlock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A recorded step on its way to the webhook subscriber: which step (callback and place in its
 * history), how many tries it took, when the next may happen and when the subscriber took it. The
 * step itself stays in the history; this row is only the delivery's bookkeeping, so it can be
 * purged once delivered.
 */
@Entity
@Table(name = "webhook_outbox")
@NamedQuery(
    name = OutboxEvent.SENDABLE,
    // every pending step whose callback has none waiting for a retry, with its history row; by
    // callback, then in the callback's order, so a batch holds each callback's first steps in full
    query =
        "SELECT o, h FROM OutboxEvent o, HistoryEntry h"
            + " WHERE o.publishedAt IS NULL AND o.subscriptionId = :subscription"
            + " AND h.callback.id = o.callbackId AND h.sequence = o.sequence"
            + " AND NOT EXISTS (SELECT b FROM OutboxEvent b WHERE b.callbackId = o.callbackId"
            + " AND b.subscriptionId = o.subscriptionId"
            + " AND b.publishedAt IS NULL AND b.nextAttemptAt > :now)"
            + " ORDER BY o.callbackId, o.sequence")
@NamedQuery(
    name = OutboxEvent.PURGE_DELIVERED,
    query = "DELETE FROM OutboxEvent o WHERE o.publishedAt <= :cutoff")
@NamedQuery(
    name = OutboxEvent.PURGE_UNDELIVERABLE,
    query =
        "DELETE FROM OutboxEvent o WHERE o.publishedAt IS NULL AND o.createdAt <= :cutoff"
            + " AND o.subscriptionId = 0")
@NamedQuery(
    name = OutboxEvent.FORGET_SUBSCRIPTION,
    query = "DELETE FROM OutboxEvent o WHERE o.subscriptionId = :subscription")
@NamedQuery(
    name = OutboxEvent.PURGE_UNSUBSCRIBED,
    // rows a disabled or deleted subscription will never take (written by an instance that had not
    // yet heard of the change)
    query =
        "DELETE FROM OutboxEvent o WHERE o.subscriptionId <> 0 AND NOT EXISTS"
            + " (SELECT s FROM WebhookSubscription s WHERE s.id = o.subscriptionId"
            + " AND s.disabledAt IS NULL)")
@NamedQuery(
    name = OutboxEvent.FORGET_CALLBACKS,
    query = "DELETE FROM OutboxEvent o WHERE o.callbackId IN :callbackIds")
public class OutboxEvent {
  public static final String FORGET_CALLBACKS = "OutboxEvent.forgetCallbacks";
  public static final String SENDABLE = "OutboxEvent.sendable";
  public static final String PURGE_DELIVERED = "OutboxEvent.purgeDelivered";
  public static final String PURGE_UNDELIVERABLE = "OutboxEvent.purgeUndeliverable";
  public static final String FORGET_SUBSCRIPTION = "OutboxEvent.forgetSubscription";
  public static final String PURGE_UNSUBSCRIBED = "OutboxEvent.purgeUnsubscribed";

  /** The longest wait between two tries. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  @Id
  // from a sequence in blocks: identity values are a point of contention under concurrent inserts
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_outbox_ids")
  @SequenceGenerator(
      name = "webhook_outbox_ids",
      sequenceName = "webhook_outbox_seq",
      allocationSize = IdBlock.SIZE)
  private Long id;

  /** Whose stream it is in: a subscription, or {@link WebhookSubscription#CONFIGURED}. */
  @Column(name = "subscription_id")
  private long subscriptionId;

  @Column(name = "callback_id")
  private long callbackId;

  @Column(name = "seq")
  private int sequence;

  @Column(name = "created_at")
  private Instant createdAt;

  private int attempts;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "published_at")
  private Instant publishedAt;

  protected OutboxEvent() {}

  /**
   * The outbox row of a step recorded at {@code at}, due at once. The outbox writes these rows in
   * bulk, with the same values.
   */
  public OutboxEvent(long callbackId, int sequence, Instant at) {
    this(WebhookSubscription.CONFIGURED, callbackId, sequence, at);
  }

  /** The same, in the stream of subscription {@code subscriptionId}. */
  public OutboxEvent(long subscriptionId, long callbackId, int sequence, Instant at) {
    this.subscriptionId = subscriptionId;
    this.callbackId = callbackId;
    this.sequence = sequence;
    this.createdAt = at;
    this.nextAttemptAt = at;
  }

  /** Not yet taken by the subscriber, and not waiting for a retry. */
  public boolean maySendAt(Instant now) {
    return publishedAt == null && !nextAttemptAt.isAfter(now);
  }

  /** The subscriber took it. */
  public void delivered(Instant at) {
    if (publishedAt == null) {
      publishedAt = at;
    }
  }

  /**
   * The subscriber did not take it: try again later, backing off exponentially from 2 s to at most
   * 10 minutes between tries, for as long as it takes (at least once). A row already taken (sent
   * twice, by an instance whose lease had run out) stays taken.
   */
  public void refused(Instant at) {
    if (publishedAt != null) {
      return;
    }
    attempts++;
    nextAttemptAt = at.plus(backoff(attempts));
  }

  static Duration backoff(int attempts) {
    Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 10));
    return wait.compareTo(MAX_BACKOFF) < 0 ? wait : MAX_BACKOFF;
  }

  /**
   * Whether the purge at {@code now} removes it: a delivered row once {@code retention} has passed
   * since its delivery; an undelivered one only when no subscriber is configured any more (nobody
   * will take it) and it is as old.
   */
  public boolean isPurgedAt(Instant now, Duration retention, boolean subscribed) {
    Instant cutoff = purgeCutoff(now, retention);
    if (publishedAt != null) {
      return !publishedAt.isAfter(cutoff);
    }
    return !subscribed && !createdAt.isAfter(cutoff);
  }

  /** The purge removes what is this old or older ({@link #isPurgedAt}, as SQL). */
  public static Instant purgeCutoff(Instant now, Duration retention) {
    return now.minus(retention);
  }

  public Long id() {
    return id;
  }

  public long subscriptionId() {
    return subscriptionId;
  }

  public long callbackId() {
    return callbackId;
  }

  public int sequence() {
    return sequence;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public java.util.Optional<Instant> publishedAt() {
    return java.util.Optional.ofNullable(publishedAt);
  }
}
