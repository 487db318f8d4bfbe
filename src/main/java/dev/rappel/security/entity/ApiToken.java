package dev.rappel.security.entity;

import dev.rappel.platform.entity.Role;
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
import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token for an integration. Only a SHA-256 hash of the token is kept: the token itself is
 * shown once, when it is created. Revoked tokens stay on record.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.ALL, query = "SELECT t FROM ApiToken t ORDER BY t.id")
public class ApiToken {
  public static final String BY_HASH = "ApiToken.byHash";
  public static final String ALL = "ApiToken.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @Enumerated(EnumType.STRING)
  private Role role;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiToken() {}

  public ApiToken(String name, Role role, String tokenHash, Instant now, String createdBy) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw new RuleViolation("name", "A token needs a name of 1 to 100 characters.");
    }
    if (role == null) {
      throw new RuleViolation("role", "is required.");
    }
    this.name = name.strip();
    this.role = role;
    this.tokenHash = tokenHash;
    this.createdAt = now;
    this.createdBy = createdBy;
  }

  public boolean isActive() {
    return revokedAt == null;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  /** The caller name of requests made with this token. */
  public String callerName() {
    return "token:" + id + ":" + name;
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Role role() {
    return role;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }
}
