package dev.rappel.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One administrative change. Callback changes are in each callback's own history; this log holds
 * the rest (queue settings, membership, agents, users, tokens).
 */
@Entity
@Table(name = "audit_event")
public class AuditEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at")
  private Instant at;

  private String actor;

  private String action;

  private String target;

  private String detail;

  protected AuditEntry() {}

  public AuditEntry(Instant at, String actor, String action, String target, String detail) {
    this.at = at;
    this.actor = actor;
    this.action = action;
    this.target = target;
    this.detail = detail != null && detail.length() > 500 ? detail.substring(0, 500) : detail;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String target() {
    return target;
  }

  public String detail() {
    return detail;
  }
}
