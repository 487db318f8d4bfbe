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
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A person or script that signs in with a password. The password is kept only as a PBKDF2 hash. Its
 * credentials version moves with every change of password or roles: console sessions signed in at
 * an older version end (see {@link #isSignedInAt}).
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
  private static final String NAME_PATTERN = "[A-Za-z0-9._@-]{2,64}";

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

  @Column(name = "credentials_version")
  private long credentialsVersion;

  @Column(name = "created_at")
  private Instant createdAt;

  @Version private long version;

  protected User() {}

  public User(String username, String passwordHash, Set<Role> roles, Agent agent, Instant now) {
    if (!isPossibleName(username)) {
      throw new RuleViolation(
          "username", "must be 2 to 64 letters, digits or . _ @ - (no spaces).");
    }
    requireValidRoles(roles, agent);
    this.username = username;
    this.passwordHash = passwordHash;
    this.roles = EnumSet.copyOf(roles);
    this.agent = agent;
    this.createdAt = now;
  }

  /** Whether a user could have this name: sign-ins with other names are refused unchecked. */
  public static boolean isPossibleName(String username) {
    return username != null && username.matches(NAME_PATTERN);
  }

  private static void requireValidRoles(Set<Role> roles, Agent agent) {
    if (roles == null || roles.isEmpty()) {
      throw new RuleViolation("roles", "A user needs at least one role.");
    }
    if (roles.contains(Role.AGENT) && agent == null) {
      throw new RuleViolation("agentId", "An AGENT user must be linked to its agent.");
    }
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

  /** New roles (and agent link): sessions signed in with the old ones end. */
  public void changeRoles(Set<Role> newRoles, Agent newAgent) {
    requireValidRoles(newRoles, newAgent);
    roles = EnumSet.copyOf(newRoles);
    agent = newAgent;
    credentialsVersion++;
  }

  /** A new password: sessions signed in with the old one end. */
  public void changePassword(String newHash) {
    passwordHash = newHash;
    credentialsVersion++;
  }

  /** Whether a session signed in at that credentials version may go on. */
  public boolean isSignedInAt(long version) {
    return credentialsVersion == version;
  }

  public long credentialsVersion() {
    return credentialsVersion;
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

  public Instant createdAt() {
    return createdAt;
  }
}
