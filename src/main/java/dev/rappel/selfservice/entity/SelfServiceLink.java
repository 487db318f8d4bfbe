package dev.rappel.selfservice.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A link that lets the customer see, move or cancel one callback: kept as its token's hash, valid
 * until it expires or is revoked (and only while the callback has not ended, which the page checks
 * on each use). Kept with the callback's id only, so self-service stays above the callbacks.
 */
@Entity
@Table(name = "self_service_link")
@NamedQuery(
    name = SelfServiceLink.BY_HASH,
    query = "SELECT l FROM SelfServiceLink l WHERE l.tokenHash = :hash")
@NamedQuery(
    name = SelfServiceLink.ACTIVE_OF_CALLBACK,
    query =
        "SELECT l FROM SelfServiceLink l WHERE l.callbackId = :callback AND l.revokedAt IS NULL")
public class SelfServiceLink {
  public static final String BY_HASH = "SelfServiceLink.byHash";
  public static final String ACTIVE_OF_CALLBACK = "SelfServiceLink.activeOfCallback";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "callback_id")
  private long callbackId;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected SelfServiceLink() {}

  private SelfServiceLink(
      long callbackId, String tokenHash, Instant createdAt, String createdBy, Instant expiresAt) {
    this.callbackId = callbackId;
    this.tokenHash = tokenHash;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
    this.expiresAt = expiresAt;
  }

  /** A new link to the callback for {@code lifetime} from now; only the token's hash is kept. */
  public static SelfServiceLink issue(
      long callbackId, LinkToken token, Instant now, Duration lifetime, String by) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a link lives a positive time, not " + lifetime);
    }
    return new SelfServiceLink(callbackId, token.hash(), now, by, now.plus(lifetime));
  }

  /** Whether the link opens its page at {@code now}: not revoked, not expired. */
  public boolean opensAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  /** From now on the link opens nothing; revoking twice keeps the first instant. */
  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  public long callbackId() {
    return callbackId;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public String createdBy() {
    return createdBy;
  }
}
