package dev.rappel.callback.entity;

import dev.rappel.platform.entity.IdBlock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/** One step in a callback's life: what happened, when, and who did it. */
@Entity
@Table(name = "callback_event")
@EntityListeners(HistoryEntryListener.class)
public class HistoryEntry {
  public static final int MAX_DETAIL = 500;

  @Id
  // from a sequence in blocks: identity values are a point of contention under concurrent inserts
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "callback_event_ids")
  @SequenceGenerator(
      name = "callback_event_ids",
      sequenceName = "callback_event_seq",
      allocationSize = IdBlock.SIZE)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "callback_id")
  private Callback callback;

  /** Position in the callback's history: ids need not follow the order of one flush. */
  @Column(name = "seq")
  private int sequence;

  @Column(name = "occurred_at")
  private Instant at;

  private String event;

  private String actor;

  private String detail;

  /** The callback's state right after this step. */
  @Column(name = "state_after")
  private String stateAfter;

  /** The agent this step took the callback from (not stored: only the live events need it). */
  @Transient private Long releasedAgentId;

  protected HistoryEntry() {}

  void releasing(dev.rappel.agent.entity.Agent agent) {
    releasedAgentId = agent == null ? null : agent.id();
  }

  public java.util.Optional<Long> releasedAgentId() {
    return java.util.Optional.ofNullable(releasedAgentId);
  }

  HistoryEntry(
      Callback callback, int sequence, Instant at, String event, String actor, String detail) {
    this.callback = callback;
    this.sequence = sequence;
    this.stateAfter = callback.state().name();
    this.at = at;
    this.event = event;
    this.actor = actor;
    this.detail =
        detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
  }

  /** Replaces a personal detail (a number) in the text of this step. */
  void scrub(String personal, String marker) {
    if (detail != null && personal != null && !personal.isEmpty()) {
      detail = detail.replace(personal, marker);
    }
  }

  public Long id() {
    return id;
  }

  public Callback callback() {
    return callback;
  }

  public int sequence() {
    return sequence;
  }

  public String stateAfter() {
    return stateAfter;
  }

  public Instant at() {
    return at;
  }

  public String event() {
    return event;
  }

  public String actor() {
    return actor;
  }

  public String detail() {
    return detail;
  }
}
