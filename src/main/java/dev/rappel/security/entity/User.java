package dev.rappel.security.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A person or script that signs in with a password. The password is kept only as a PBKDF2 hash.
 * Repeated failures lock the account for a while, so passwords cannot be guessed at speed.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_NAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = User.COUNT, query = "SELECT COUNT(u) FROM User u")
public class User {
  public static final String BY_NAME = "User.byName";
  public static final String ALL = "User.all";
  public static final String COUNT = "User.count";
  public static final int MIN_PASSWORD = 12;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String username;

  @Column(name = "password_hash")
  private String passwordHash;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role")
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  @ManyToOne
  @JoinColumn(name = "agent_id")
  private Agent agent;

  @Column(name = "failed_logins")
  private int failedLogins;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(name = "created_at")
  private Instant createdAt;

  @Version private long version;

  protected User() {}

  public User(String username, String passwordHash, Set<Role> roles, Agent agent, Instant now) {
    if (username == null || !username.matches("[A-Za-z0-9._@-]{2,64}")) {
      throw new RuleViolation(
          "username", "must be 2 to 64 letters, digits or . _ @ - (no spaces).");
    }
    if (roles == null || roles.isEmpty()) {
      throw new RuleViolation("roles", "A user needs at least one role.");
    }
    if (roles.contains(Role.AGENT) && agent == null) {
      throw new RuleViolation("agentId", "An AGENT user must be linked to its agent.");
    }
    this.username = username;
    this.passwordHash = passwordHash;
    this.roles = EnumSet.copyOf(roles);
    this.agent = agent;
    this.createdAt = now;
  }

  /** Refuses passwords too short to resist guessing; checked before hashing. */
  public static void requireStrongPassword(String password, String field) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new RuleViolation(field, "must be at least " + MIN_PASSWORD + " characters long.");
    }
    if (password.length() > 200) {
      throw new RuleViolation(field, "must be at most 200 characters long.");
    }
  }

  public boolean isLockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /**
   * Counts a failed sign-in; the {@code maxFailures}-th in a row locks the account for {@code
   * lockFor}. Returns true when this failure locked it.
   */
  public boolean recordFailedLogin(Instant now, int maxFailures, Duration lockFor) {
    failedLogins++;
    if (failedLogins >= maxFailures) {
      lockedUntil = now.plus(lockFor);
      failedLogins = 0;
      return true;
    }
    return false;
  }

  public void recordSuccessfulLogin() {
    failedLogins = 0;
    lockedUntil = null;
  }

  public void changePassword(String newHash) {
    passwordHash = newHash;
    recordSuccessfulLogin();
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public Set<Role> roles() {
    return EnumSet.copyOf(roles);
  }

  public Optional<Agent> agent() {
    return Optional.ofNullable(agent);
  }

  public Optional<Instant> lockedUntil() {
    return Optional.ofNullable(lockedUntil);
  }

  public Instant createdAt() {
    return createdAt;
  }
}
