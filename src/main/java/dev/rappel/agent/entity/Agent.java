package dev.rappel.agent.entity;

import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** A person who handles interactions. */
@Entity
@Table(name = "agent")
@NamedQuery(
    name = Agent.BY_EXTERNAL_ID,
    query = "SELECT a FROM Agent a WHERE a.externalId = :externalId")
public class Agent {
  public static final String BY_EXTERNAL_ID = "Agent.byExternalId";
  public static final int MAX_NAME_LENGTH = 100;

  /** Why the routing put an agent off queue when it let an offer time out. */
  public static final String NOT_RESPONDING = "not responding";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  /** The agent's own zone; the server's when absent. */
  @Column(name = "time_zone")
  private ZoneId timeZone;

  @Enumerated(EnumType.STRING)
  private RoutingStatus status;

  @Column(name = "status_changed_at")
  private Instant statusChangedAt;

  /** Why the system, not the agent, set the status; empty once the agent chose one itself. */
  @Column(name = "status_reason")
  private String statusReason;

  /** Its id in another system, e.g. Genesys Cloud; unique. */
  @Column(name = "external_id")
  private String externalId;

  @Version private long version;

  protected Agent() {}

  public Agent(String name, ZoneId timeZone, Clock clock) {
    if (name == null || name.isBlank()) {
      throw new RuleViolation("name", "An agent needs a name.");
    }
    if (name.strip().length() > MAX_NAME_LENGTH) {
      throw new RuleViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters.");
    }
    this.name = name.strip();
    this.timeZone = timeZone;
    this.status = RoutingStatus.OFF_QUEUE;
    this.statusChangedAt = clock.instant();
  }

  /** The agent (or an admin) sets the status: whatever the system said before no longer holds. */
  public void changeStatus(RoutingStatus newStatus, Clock clock) {
    statusReason = null;
    if (newStatus != status) {
      status = newStatus;
      statusChangedAt = clock.instant();
    }
  }

  /**
   * The agent let an offer time out: off queue, as ACDs do with an agent who does not respond, so
   * nothing more is offered to someone who is not there, until it goes available again.
   */
  public void markNotResponding(Clock clock) {
    if (status != RoutingStatus.OFF_QUEUE) {
      status = RoutingStatus.OFF_QUEUE;
      statusChangedAt = clock.instant();
    }
    statusReason = NOT_RESPONDING;
  }

  /** Gives the agent the id another system knows it by; none removes it. */
  public void identifyExternallyAs(Optional<String> id) {
    this.externalId = id.orElse(null);
  }

  public Optional<String> externalId() {
    return Optional.ofNullable(externalId);
  }

  public boolean isAvailable() {
    return status == RoutingStatus.AVAILABLE;
  }

  /** The zone this agent works in: its own, or the server's (the clock's). */
  public ZoneId workingZone(Clock clock) {
    return timeZone != null ? timeZone : clock.getZone();
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Optional<ZoneId> timeZone() {
    return Optional.ofNullable(timeZone);
  }

  public RoutingStatus status() {
    return status;
  }

  public Instant statusChangedAt() {
    return statusChangedAt;
  }

  /** Why the system set the current status, if it did ({@link #NOT_RESPONDING}). */
  public Optional<String> statusReason() {
    return Optional.ofNullable(statusReason);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Agent agent && id != null && id.equals(agent.id);
  }

  @Override
  public int hashCode() {
    return Agent.class.hashCode();
  }
}
