package dev.rappel.agent.entity;

import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** A person who handles interactions. */
@Entity
@Table(name = "agent")
public class Agent {
  public static final int MAX_NAME_LENGTH = 100;

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

  public void changeStatus(RoutingStatus newStatus, Clock clock) {
    if (newStatus != status) {
      status = newStatus;
      statusChangedAt = clock.instant();
    }
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

  @Override
  public boolean equals(Object other) {
    return other instanceof Agent agent && id != null && id.equals(agent.id);
  }

  @Override
  public int hashCode() {
    return Agent.class.hashCode();
  }
}
