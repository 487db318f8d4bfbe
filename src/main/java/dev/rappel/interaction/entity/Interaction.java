package dev.rappel.interaction.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.phone.entity.PhoneNumber;
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
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** One ACD voice interaction, as the ACD reported it. */
@Entity
@Table(name = "interaction")
public class Interaction {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(name = "media_type")
  private MediaType mediaType;

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

  protected Interaction() {}

  public Interaction(
      MediaType mediaType, Queue queue, Optional<PhoneNumber> ani, Agent agent, Clock clock) {
    this.mediaType = mediaType;
    this.queue = queue;
    this.ani = ani.map(PhoneNumber::e164).orElse(null);
    this.agent = agent;
    this.createdAt = clock.instant();
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

  public Instant createdAt() {
    return createdAt;
  }
}
