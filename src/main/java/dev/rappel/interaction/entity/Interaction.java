package dev.rappel.interaction.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Scope;
import dev.rappel.queue.entity.Queue;
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
import jakarta.persistence.Transient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** One ACD voice interaction, as the ACD reported it. */
@Entity
@Table(name = "interaction")
@NamedQuery(
    name = Interaction.FOLLOWING,
    query = "SELECT i FROM Interaction i WHERE i.sourceCallbackId = :callbackId")
// erasing a customer's personal data: the caller's number is all an interaction holds of it
@NamedQuery(
    name = Interaction.ERASE_NUMBER,
    query = "UPDATE Interaction i SET i.ani = NULL WHERE i.ani = :ani")
@NamedQuery(
    name = Interaction.ERASE_BY_ID,
    query = "UPDATE Interaction i SET i.ani = NULL WHERE i.ani IS NOT NULL AND i.id IN :ids")
@NamedQuery(
    name = Interaction.ERASE_FOLLOWING,
    query =
        "UPDATE Interaction i SET i.ani = NULL"
            + " WHERE i.ani IS NOT NULL AND i.sourceCallbackId IN :callbackIds")
@NamedQuery(
    name = Interaction.ERASE_OLDER,
    query =
        "UPDATE Interaction i SET i.ani = NULL WHERE i.ani IS NOT NULL AND i.createdAt <= :cutoff")
public class Interaction {
  public static final String FOLLOWING = "Interaction.following";
  public static final String ERASE_OLDER = "Interaction.eraseOlder";
  public static final String ERASE_NUMBER = "Interaction.eraseNumber";
  public static final String ERASE_BY_ID = "Interaction.eraseById";
  public static final String ERASE_FOLLOWING = "Interaction.eraseFollowing";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(name = "media_type")
  private MediaType mediaType;

  /** What was done to the callbacks waiting for this customer, as it was recorded; not stored. */
  @Transient private List<WaitingCallback> waitingCallbacks = new ArrayList<>();

  @ManyToOne(optional = false)
  @JoinColumn(name = "queue_id")
  private Queue queue;

  /** The caller's number; absent when withheld. */
  private String ani;

  @ManyToOne
  @JoinColumn(name = "agent_id")
  private Agent agent;

  @Column(name = "created_at")
  private Instant createdAt;

  /** The callback whose call this interaction is, for a follow-up. */
  @Column(name = "source_callback_id")
  private Long sourceCallbackId;

  /** Who reported it (an API token's caller name); none for those Rappel made itself. */
  @Column(name = "created_by")
  private String createdBy;

  protected Interaction() {}

  /** The call of a callback, as the interaction a follow-up callback is scheduled from. */
  public static Interaction ofCallback(
      long callbackId, Queue queue, PhoneNumber number, Agent agent, Clock clock) {
    Interaction interaction =
        new Interaction(MediaType.CALLBACK, queue, Optional.of(number), agent, clock);
    interaction.sourceCallbackId = callbackId;
    return interaction;
  }

  public Interaction(
      MediaType mediaType, Queue queue, Optional<PhoneNumber> ani, Agent agent, Clock clock) {
    this.mediaType = mediaType;
    this.queue = queue;
    this.ani = ani.map(PhoneNumber::e164).orElse(null);
    this.agent = agent;
    this.createdAt = clock.instant();
  }

  /** An agent schedules callbacks only for the interactions it handles; an admin for any. */
  public void requireHandledBy(Caller caller) {
    if (caller.isAdmin() || (agent != null && caller.isAgent(agent.id()))) {
      return;
    }
    throw new Forbidden("Only the agent handling this interaction may schedule its callback.");
  }

  /**
   * Who may read it (its caller's number among others): supervisors, admins, the agent handling it,
   * and the {@code interactions:write} token that reported it.
   */
  public void requireVisibleTo(Caller caller) {
    if (caller.seesEverything()
        || (agent != null && caller.isAgent(agent.id()))
        || (caller.may(Scope.INTERACTIONS_WRITE) && caller.name().equals(createdBy))) {
      return;
    }
    throw new Forbidden("This interaction is not yours to see.");
  }

  /** Records who reported it, which a token needs to read it back. */
  public void reportedBy(String caller) {
    this.createdBy = caller;
  }

  public Long id() {
    return id;
  }

  public MediaType mediaType() {
    return mediaType;
  }

  /** The queue that received the interaction. */
  public Queue queue() {
    return queue;
  }

  public Optional<PhoneNumber> ani() {
    return Optional.ofNullable(ani).map(PhoneNumber::new);
  }

  /** The agent handling it. */
  public Optional<Agent> agent() {
    return Optional.ofNullable(agent);
  }

  public Optional<Long> sourceCallbackId() {
    return Optional.ofNullable(sourceCallbackId);
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Notes what was done to a callback waiting for this caller when the interaction came in. */
  public void noteWaitingCallback(WaitingCallback waiting) {
    if (waitingCallbacks == null) {
      waitingCallbacks = new ArrayList<>();
    }
    waitingCallbacks.add(waiting);
  }

  /** The callbacks noted while recording it (empty when read back later). */
  public List<WaitingCallback> waitingCallbacks() {
    return waitingCallbacks == null ? List.of() : Collections.unmodifiableList(waitingCallbacks);
  }
}
