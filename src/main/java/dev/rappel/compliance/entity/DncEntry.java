package dev.rappel.compliance.entity;

import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A number that must not be called, tenant-wide: stored in E.164, so {@code +33 1 42 68 53 00} and
 * {@code 0142685300} (region FR) are one entry. An entry with an expiry stops applying exactly
 * then.
 */
@Entity
@Table(name = "dnc_entry")
@NamedQuery(
    name = DncEntry.OF_NUMBER,
    query = "SELECT d FROM DncEntry d WHERE d.phoneNumber = :number")
@NamedQuery(name = DncEntry.ALL, query = "SELECT d FROM DncEntry d ORDER BY d.phoneNumber")
@NamedQuery(name = DncEntry.COUNT, query = "SELECT COUNT(d) FROM DncEntry d")
public class DncEntry {
  public static final String OF_NUMBER = "DncEntry.ofNumber";
  public static final String ALL = "DncEntry.all";
  public static final String COUNT = "DncEntry.count";
  public static final int MAX_REASON = 500;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "phone_number")
  private String phoneNumber;

  private String reason;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  protected DncEntry() {}

  public DncEntry(
      PhoneNumber number,
      Optional<String> reason,
      Optional<Instant> expiresAt,
      Instant now,
      String createdBy) {
    String why = reason.map(String::strip).filter(r -> !r.isEmpty()).orElse(null);
    if (why != null && why.length() > MAX_REASON) {
      throw new RuleViolation("reason", "must be at most " + MAX_REASON + " characters.");
    }
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      throw new RuleViolation("expiresAt", "must be in the future, was " + expiresAt.get() + ".");
    }
    this.phoneNumber = number.e164();
    this.reason = why;
    this.expiresAt = expiresAt.orElse(null);
    this.createdAt = now;
    this.createdBy = createdBy;
  }

  /** Whether the entry forbids calls at {@code at}: until its expiry, exclusive. */
  public boolean appliesAt(Instant at) {
    return expiresAt == null || at.isBefore(expiresAt);
  }

  public String describe() {
    return "listed since "
        + createdAt
        + " by "
        + createdBy
        + (reason == null ? "" : " (" + reason + ")")
        + (expiresAt == null ? "" : ", until " + expiresAt);
  }

  public Long id() {
    return id;
  }

  public String phoneNumber() {
    return phoneNumber;
  }

  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }
}
