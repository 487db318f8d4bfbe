package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent handling an interaction is told that its customer has a callback waiting on that queue
 * (the queue's {@code onInboundContact} is {@code NOTIFY}), and cancels or keeps it with one click.
 */
@Entity
@Table(name = "inbound_notice")
@NamedQuery(
    name = InboundNotice.OPEN_FOR_AGENT,
    query =
        "SELECT n FROM InboundNotice n WHERE n.agent.id = :agent AND n.decision IS NULL"
            + " AND n.callback.state IN :states ORDER BY n.createdAt, n.id")
@NamedQuery(
    name = InboundNotice.OF_INTERACTION,
    query = "SELECT n FROM InboundNotice n WHERE n.interaction.id = :interaction ORDER BY n.id")
public class InboundNotice {
  public static final String OPEN_FOR_AGENT = "InboundNotice.openForAgent";
  public static final String OF_INTERACTION = "InboundNotice.ofInteraction";

  /** What the agent decided. */
  public enum Decision {
    CANCELED,
    KEPT
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "callback_id")
  private Callback callback;

  @ManyToOne(optional = false)
  @JoinColumn(name = "interaction_id")
  private Interaction interaction;

  /** The agent handling the interaction: the one told. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "agent_id")
  private Agent agent;

  @Column(name = "created_at")
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  private Decision decision;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "decided_by")
  private String decidedBy;

  protected InboundNotice() {}

  /** Tells the agent handling {@code contact} about {@code callback}. */
  public InboundNotice(Callback callback, Interaction contact, Clock clock) {
    this.callback = callback;
    this.interaction = contact;
    this.agent =
        contact
            .agent()
            .orElseThrow(() -> new IllegalArgumentException("No agent on the interaction"));
    this.createdAt = clock.instant();
  }

  /**
   * Who decides: whoever may read the interaction (the agent handling it, a supervisor or admin, or
   * the interactions:write integration that reported it).
   */
  public void requireDecidableBy(Caller caller) {
    interaction.requireVisibleTo(caller);
  }

  /**
   * The agent cancels the callback: the customer got through ({@code CUSTOMER_CALLED_IN}, the agent
   * as actor). Once only; a callback that is no longer waiting (being dialled, or ended) stays as
   * it is.
   */
  public void cancelCallback(Clock clock, String actor) {
    requireOpen();
    callback.cancelForInboundContact(interaction, clock, actor);
    decide(Decision.CANCELED, clock, actor);
  }

  /** The agent keeps the callback: the notice is dismissed, the callback unchanged. */
  public void keepCallback(Clock clock, String actor) {
    requireOpen();
    decide(Decision.KEPT, clock, actor);
  }

  private void requireOpen() {
    if (decision != null) {
      throw new Conflict(
          "The callback " + callback.id() + " was already " + decision + " by " + decidedBy + ".");
    }
  }

  private void decide(Decision decision, Clock clock, String actor) {
    this.decision = decision;
    this.decidedAt = clock.instant();
    this.decidedBy = actor;
  }

  /** Open while undecided and the callback still waits. */
  public boolean isOpen() {
    return decision == null && callback.state().isWaiting();
  }

  public Long id() {
    return id;
  }

  public Callback callback() {
    return callback;
  }

  public Interaction interaction() {
    return interaction;
  }

  public Agent agent() {
    return agent;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  public Optional<Instant> decidedAt() {
    return Optional.ofNullable(decidedAt);
  }

  public Optional<String> decidedBy() {
    return Optional.ofNullable(decidedBy);
  }
}
