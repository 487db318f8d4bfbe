package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One dial of the customer's number. */
@Entity
@Table(name = "callback_attempt")
public class Attempt {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
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

  protected Attempt() {}

  Attempt(Callback callback, int number, Agent agent, Instant startedAt) {
    this.callback = callback;
    this.agent = agent;
    this.number = number;
    this.startedAt = startedAt;
  }

  /** Ended without an outcome (the callback was canceled while dialling). */
  void abandon(Instant at) {
    this.endedAt = at;
  }

  void end(DialOutcome result, Instant at) {
    this.outcome = result;
    this.endedAt = at;
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
