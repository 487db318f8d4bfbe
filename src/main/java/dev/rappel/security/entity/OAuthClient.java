package dev.rappel.security.entity;

import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An OAuth 2.0 client of the client credentials grant (RFC 6749 §4.4): an integration that trades
 * its id and secret at {@code /oauth/token} for short-lived access tokens with (some of) its
 * scopes. Only a SHA-256 hash of the secret is kept, as for API tokens: the secret is long and
 * random, and shown once. A deleted client stays on record; its tokens are revoked.
 */
@Entity
@Table(name = "oauth_client")
@NamedQuery(
    name = OAuthClient.ACTIVE,
    query = "SELECT c FROM OAuthClient c WHERE c.deletedAt IS NULL ORDER BY c.id")
@NamedQuery(
    name = OAuthClient.BY_CLIENT_ID,
    query = "SELECT c FROM OAuthClient c WHERE c.clientId = :clientId")
public class OAuthClient {
  public static final String ACTIVE = "OAuthClient.active";
  public static final String BY_CLIENT_ID = "OAuthClient.byClientId";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "client_id")
  private String clientId;

  private String name;

  /** Comma-separated wire names. */
  private String scopes;

  @Column(name = "secret_hash")
  private String secretHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "deleted_at")
  private Instant deletedAt;

  protected OAuthClient() {}

  public OAuthClient(
      String clientId,
      String name,
      Set<Scope> scopes,
      String secretHash,
      Instant now,
      String createdBy) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw new RuleViolation("name", "A client needs a name of 1 to 100 characters.");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new RuleViolation("scopes", "A client needs at least one scope.");
    }
    this.clientId = clientId;
    this.name = name.strip();
    this.scopes = scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(","));
    this.secretHash = secretHash;
    this.createdAt = now;
    this.createdBy = createdBy;
  }

  /** Whether this hash is the one of the client's secret (compared in constant time). */
  public boolean hasSecretHash(String hash) {
    return hash != null
        && MessageDigest.isEqual(
            secretHash.getBytes(StandardCharsets.US_ASCII),
            hash.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The scopes a token of this client gets: all the client's, or only those asked for ({@code
   * scope} of RFC 6749 §3.3); empty when it asks for one the client lacks.
   */
  public Optional<Set<Scope>> scopesFor(Set<Scope> requested) {
    Set<Scope> held = scopes();
    if (requested.isEmpty()) {
      return Optional.of(held);
    }
    return held.containsAll(requested) ? Optional.of(EnumSet.copyOf(requested)) : Optional.empty();
  }

  public void delete(Instant now) {
    if (deletedAt == null) {
      deletedAt = now;
    }
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public Long id() {
    return id;
  }

  public String clientId() {
    return clientId;
  }

  public String name() {
    return name;
  }

  public Set<Scope> scopes() {
    Set<Scope> granted = EnumSet.noneOf(Scope.class);
    for (String wire : scopes.split(",")) {
      Scope.fromWire(wire.strip()).ifPresent(granted::add);
    }
    return granted;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }
}
