package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.IdBlock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One dial of the customer's number, and the request that asks the telephony platform to place it.
 * The attempt row is that request's outbox: written with the move to DIALING, sent by whichever
 * instance claims it ({@code dialLeaseUntil}), retried with backoff while the platform cannot take
 * it, and never sent once the attempt has ended. {@code dialId} names it to the platform, which
 * reports the outcome with it and can drop a repeated request.
 */
@Entity
@Table(name = "callback_attempt")
@jakarta.persistence.NamedQuery(
    name = Attempt.STARTS_TO_NUMBER,
    query =
        "SELECT a.startedAt FROM Attempt a WHERE a.callback.phoneNumber = :number"
            + " AND a.startedAt > :since AND (a.outcome IS NULL OR a.outcome <> :notDialed)")
public class Attempt {
  /** When dials to a number started since an instant: what a contact cap counts. */
  public static final String STARTS_TO_NUMBER = "Attempt.startsToNumber";

  @Id
  // from a sequence in blocks: identity values are a point of contention under concurrent inserts
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "callback_attempt_ids")
  @SequenceGenerator(
      name = "callback_attempt_ids",
      sequenceName = "callback_attempt_seq",
      allocationSize = IdBlock.SIZE)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "callback_id")
  private Callback callback;

  @Column(name = "attempt_number")
  private int number;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Enumerated(EnumType.STRING)
  private DialOutcome outcome;

  /** The agent on the line (agent first) or held (customer first). */
  @ManyToOne
  @JoinColumn(name = "agent_id")
  private Agent agent;

  /** Names this dial to the telephony platform: unique, unguessable. */
  @Column(name = "dial_id")
  private String dialId;

  /** When the platform took the dial request; empty while it has not. */
  @Column(name = "dialed_at")
  private Instant dialedAt;

  /** When the request may be sent (again); null once it was taken or the attempt ended. */
  @Column(name = "dial_next_try_at")
  private Instant dialNextTryAt;

  /** Until when an instance that claimed the request is sending it. */
  @Column(name = "dial_lease_until")
  private Instant dialLeaseUntil = Instant.EPOCH;

  /** How many times the platform could not take the request. */
  @Column(name = "dial_tries")
  private int dialTries;

  /** Why the platform last could not take it. */
  @Column(name = "dial_error")
  private String dialError;

  /** Longest pause between two tries of a dial request. */
  static final Duration MAX_DIAL_BACKOFF = Duration.ofSeconds(30);

  protected Attempt() {}

  Attempt(Callback callback, int number, Agent agent, Instant startedAt) {
    this.callback = callback;
    this.agent = agent;
    this.number = number;
    this.startedAt = startedAt;
    this.dialId = UUID.randomUUID().toString();
    this.dialNextTryAt = startedAt;
  }

  /** Ended without an outcome (the callback was canceled while dialling). */
  void abandon(Instant at) {
    this.endedAt = at;
    this.dialNextTryAt = null;
  }

  /** Whether its dial request still waits to be taken by the telephony platform. */
  public boolean awaitsDial() {
    return endedAt == null && dialedAt == null;
  }

  /** The telephony platform took the request: the dial is under way, its outcome will follow. */
  public void dialTaken(Instant at) {
    if (awaitsDial()) {
      dialedAt = at;
      dialNextTryAt = null;
    }
  }

  /**
   * The platform could not take the request (down, overloaded, slow): tried again after a pause
   * that doubles from one second up to {@link #MAX_DIAL_BACKOFF}, and free for any instance to
   * claim then.
   */
  public void dialNotTaken(String why, Instant now) {
    if (!awaitsDial()) {
      return;
    }
    dialTries++;
    dialError = why == null ? null : why.substring(0, Math.min(why.length(), 500));
    dialNextTryAt = now.plus(backoffAfter(dialTries));
    dialLeaseUntil = Instant.EPOCH;
  }

  static Duration backoffAfter(int failures) {
    long seconds = 1L << Math.min(Math.max(failures - 1, 0), 5);
    return Duration.ofSeconds(Math.min(seconds, MAX_DIAL_BACKOFF.toSeconds()));
  }

  /**
   * Whether the request has waited too long to be taken: the customer was promised a call, not one
   * that may come any time later, so it ends NOT_DIALED and the callback goes back to its queue.
   */
  public boolean isDialOverdue(Duration deliveryTimeout, Instant now) {
    return awaitsDial() && !now.isBefore(startedAt.plus(deliveryTimeout));
  }

  void end(DialOutcome result, Instant at) {
    this.outcome = result;
    this.endedAt = at;
    this.dialNextTryAt = null;
  }

  public String dialId() {
    return dialId;
  }

  public Optional<Instant> dialedAt() {
    return Optional.ofNullable(dialedAt);
  }

  public int dialTries() {
    return dialTries;
  }

  public Optional<String> dialError() {
    return Optional.ofNullable(dialError);
  }

  public Callback callback() {
    return callback;
  }

  public int number() {
    return number;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  public Agent agent() {
    return agent;
  }

  public Optional<DialOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }
}
