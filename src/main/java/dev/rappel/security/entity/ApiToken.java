package dev.rappel.security.entity;

import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A bearer token for an integration, granted scopes ({@link Scope}), possibly until an expiry. Only
 * a SHA-256 hash of the token is kept: the token itself is shown once, when it is created. Revoked
 * and expired tokens stay on record.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash")
@NamedQuery(
    name = ApiToken.ALL,
    query = "SELECT t FROM ApiToken t WHERE t.oauthClientId IS NULL ORDER BY t.id")
@NamedQuery(
    name = ApiToken.REVOKE_OF_CLIENT,
    query =
        "UPDATE ApiToken t SET t.revokedAt = :now WHERE t.oauthClientId = :client"
            + " AND t.revokedAt IS NULL")
@NamedQuery(
    name = ApiToken.MARK_USED,
    query =
        "UPDATE ApiToken t SET t.lastUsedAt = :now WHERE t.id = :id"
            + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :before)")
public class ApiToken {
  public static final String BY_HASH = "ApiToken.byHash";
  public static final String ALL = "ApiToken.all";
  public static final String MARK_USED = "ApiToken.markUsed";
  public static final String REVOKE_OF_CLIENT = "ApiToken.revokeOfClient";

  /** Last use is written at most this often per token: a read-mostly table stays so. */
  public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

  /** The {@code role} column of a token issued with scopes rather than a role. */
  static final String ISSUED_WITH_SCOPES = "SCOPES";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  /** How it was issued: a role of earlier releases, or {@link #ISSUED_WITH_SCOPES}. */
  @Column(name = "role")
  private String issuedAs;

  /** Comma-separated wire names. */
  private String scopes;

  /** Comma-separated queue ids {@code events:read} is limited to; empty: every queue. */
  @Column(name = "event_queue_ids")
  private String eventQueueIds;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  /** The OAuth client an access token was issued to at {@code /oauth/token}; else null. */
  @Column(name = "oauth_client_id")
  private Long oauthClientId;

  protected ApiToken() {}

  /**
   * A token with these scopes; {@code eventQueues} limits {@code events:read}, {@code expiresAt}
   * (optional) ends it.
   */
  public ApiToken(
      String name,
      Set<Scope> scopes,
      Set<Long> eventQueues,
      Optional<Instant> expiresAt,
      String tokenHash,
      Instant now,
      String createdBy) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw new RuleViolation("name", "A token needs a name of 1 to 100 characters.");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new RuleViolation("scopes", "A token needs at least one scope.");
    }
    if (!eventQueues.isEmpty() && !scopes.contains(Scope.EVENTS_READ)) {
      throw new RuleViolation("eventQueueIds", "limit events:read, which this token lacks.");
    }
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      throw new RuleViolation("expiresAt", "must be in the future.");
    }
    this.name = name.strip();
    this.issuedAs = ISSUED_WITH_SCOPES;
    this.scopes = scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(","));
    this.eventQueueIds =
        new TreeSet<>(eventQueues).stream().map(String::valueOf).collect(Collectors.joining(","));
    this.expiresAt = expiresAt.orElse(null);
    this.tokenHash = tokenHash;
    this.createdAt = now;
    this.createdBy = createdBy;
  }

  /** A token issued for a role, as earlier releases did: it gets the scopes that role implies. */
  public static ApiToken forRole(
      String name, Role role, Optional<Instant> expiresAt, String hash, Instant now, String by) {
    if (role == null) {
      throw new RuleViolation("role", "is required.");
    }
    if (role == Role.AGENT) {
      throw new RuleViolation("role", "AGENT is for people, who are linked to an agent.");
    }
    ApiToken token =
        new ApiToken(name, Scope.impliedBy(Set.of(role)), Set.of(), expiresAt, hash, now, by);
    token.issuedAs = role.name();
    return token;
  }

  /**
   * An OAuth access token of a client (client credentials grant): short-lived, with the client's
   * scopes or fewer, named after the client so histories say who acted.
   */
  public static ApiToken accessToken(
      OAuthClient client, Set<Scope> scopes, Instant expiresAt, String hash, Instant now) {
    ApiToken token =
        new ApiToken(
            client.name(),
            scopes,
            Set.of(),
            Optional.of(expiresAt),
            hash,
            now,
            "oauth-client:" + client.clientId());
    token.oauthClientId = client.id();
    return token;
  }

  /** Neither revoked nor expired: an expired token is refused like a revoked one. */
  public boolean isActiveAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** Whether a use now should be recorded: the last recorded one is a minute old or more. */
  public boolean lastUseOutdatedAt(Instant now) {
    return lastUsedAt == null || !lastUsedAt.isAfter(now.minus(LAST_USE_PRECISION));
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

  /** The role it was issued for, when it was issued for one. */
  public Optional<Role> role() {
    return Arrays.stream(Role.values()).filter(r -> r.name().equals(issuedAs)).findFirst();
  }

  public Set<Scope> scopes() {
    Set<Scope> granted = EnumSet.noneOf(Scope.class);
    if (scopes != null) {
      for (String wire : scopes.split(",")) {
        Scope.fromWire(wire.strip()).ifPresent(granted::add);
      }
    }
    return granted;
  }

  public Set<Long> eventQueues() {
    if (eventQueueIds == null || eventQueueIds.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(eventQueueIds.split(","))
        .map(String::strip)
        .map(Long::valueOf)
        .collect(Collectors.toCollection(TreeSet::new));
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

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public Optional<Instant> lastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }
}
