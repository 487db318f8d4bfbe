package dev.rappel.security.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.audit.control.Audit;
import dev.rappel.platform.control.DatabaseFailures;
import dev.rappel.platform.control.References;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Role;
import dev.rappel.security.control.Secrets;
import dev.rappel.security.control.VerifiedPasswords;
import dev.rappel.security.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Users and their passwords; each method is one transaction, audited. */
@Stateless
public class Users {

  @PersistenceContext EntityManager em;

  @Inject References references;

  @Inject Clock clock;

  @Inject Secrets secrets;

  @Inject Audit audit;

  @Inject VerifiedPasswords verified;

  public User create(String username, String password, Set<Role> roles, Long agentId, Caller by) {
    by.requireAdmin();
    User.requireStrongPassword(password, "password");
    Agent agent = agentId == null ? null : references.named(Agent.class, agentId, "agentId");
    if (find(username).isPresent()) {
      throw nameTaken(username);
    }
    User user = new User(username, secrets.hashPassword(password), roles, agent, clock.instant());
    insert(user);
    audit.record(by.name(), "USER_CREATED", username, "roles " + roles);
    return user;
  }

  public List<User> all() {
    return em.createNamedQuery(User.ALL, User.class).getResultList();
  }

  /** A user changes its own password; an admin anyone's. */
  public void changePassword(String username, String password, Caller by) {
    if (!by.isAdmin() && !by.name().equals(username)) {
      throw new Forbidden("Only an administrator changes another user's password.");
    }
    User.requireStrongPassword(password, "password");
    User user = find(username).orElseThrow(() -> new NotFound("user", username));
    user.changePassword(secrets.hashPassword(password));
    verified.forget(username);
    audit.record(by.name(), "PASSWORD_CHANGED", username, null);
  }

  /** Replaces a user's roles; an admin cannot take ADMIN away from itself. */
  public User changeRoles(String username, Set<Role> roles, Long agentId, Caller by) {
    by.requireAdmin();
    User user = find(username).orElseThrow(() -> new NotFound("user", username));
    if (by.name().equals(username) && !roles.contains(Role.ADMIN)) {
      throw new Conflict("You cannot take the ADMIN role away from yourself.");
    }
    Agent agent = agentId == null ? null : references.named(Agent.class, agentId, "agentId");
    user.changeRoles(roles, agent);
    verified.forget(username);
    audit.record(by.name(), "ROLES_CHANGED", username, "roles " + roles);
    return user;
  }

  public void delete(String username, Caller by) {
    by.requireAdmin();
    if (by.name().equals(username)) {
      throw new Conflict("You cannot delete your own account.");
    }
    User user = find(username).orElseThrow(() -> new NotFound("user", username));
    em.remove(user);
    verified.forget(username);
    audit.record(by.name(), "USER_DELETED", username, null);
  }

  /**
   * Creates the first administrator on an empty database; false when users exist. The password must
   * pass the rule of every password.
   */
  public boolean createFirstAdmin(String password) {
    long users = em.createNamedQuery(User.COUNT, Long.class).getSingleResult();
    if (users > 0) {
      return false;
    }
    User.requireStrongPassword(password, "rappel.admin.password");
    insert(
        new User(
            "admin", secrets.hashPassword(password), Set.of(Role.ADMIN), null, clock.instant()));
    audit.record("system", "USER_CREATED", "admin", "first start");
    return true;
  }

  /**
   * Writes the new user at once, so that a concurrent insert of the same name (two requests, or two
   * instances creating the first administrator of a new database) is refused as a conflict here
   * rather than failing the commit as a server error.
   */
  private void insert(User user) {
    try {
      em.persist(user);
      em.flush();
    } catch (RuntimeException e) { // EclipseLink's own exceptions are not all PersistenceExceptions
      if (DatabaseFailures.isKeyViolation(e)) {
        throw nameTaken(user.username());
      }
      throw e;
    }
  }

  private static Conflict nameTaken(String username) {
    return new Conflict("A user named '" + username + "' already exists.");
  }

  private java.util.Optional<User> find(String username) {
    return em.createNamedQuery(User.BY_NAME, User.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }
}
