package dev.rappel.security.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import dev.rappel.security.entity.ApiToken;
import dev.rappel.security.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin's "Users and tokens" page: users and their roles (create, change a password, delete),
 * and the integrations' API tokens (issue, shown once; revoke).
 */
@Named("usersPage")
@ViewScoped
public class UsersPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.LISTED;

  @Inject Users users;

  @Inject Tokens tokens;

  @Inject Logins logins;

  @Inject Agents agents;

  @Inject Caller caller;

  @Inject Clock clock;

  /** One row of the user table. */
  public record UserRow(String username, String roles, String agent, String createdAt)
      implements Serializable {}

  /** One row of the token table: never the token itself. */
  public record TokenRow(
      long id,
      String name,
      String scopes,
      String createdAt,
      String createdBy,
      String expiresAt,
      String lastUsedAt,
      String revokedAt,
      boolean active)
      implements Serializable {}

  /** One row of the failed sign-ins table. */
  public record FailureRow(
      String username, String clientAddress, int failures, String lastFailureAt)
      implements Serializable {}

  /** An agent a user can be linked to. */
  public record AgentChoice(long id, String label) implements Serializable {}

  private List<UserRow> userRows;
  private List<TokenRow> tokenRows;
  private List<FailureRow> failureRows;
  private List<AgentChoice> agentChoices;

  private String username;
  private String password;
  private String[] roles = new String[0];
  private Long agentId;

  private String passwordUser;
  private String newPassword;

  private String tokenName;
  private String[] tokenScopes =
      Scope.INTEGRATION_DEFAULT.stream().map(Scope::wire).sorted().toArray(String[]::new);
  private String tokenExpiresAt;
  private String issuedSecret;
  private String issuedName;

  @PostConstruct
  void init() {
    refresh();
  }

  public void create() {
    try {
      Set<Role> chosen = EnumSet.noneOf(Role.class);
      for (String role : roles) {
        chosen.add(Inputs.requiredEnum(role, Role.class, "roles"));
      }
      User user = users.create(username, password, chosen, agentId, caller);
      info("User '%s' created.".formatted(user.username()));
      username = null;
      password = null;
      roles = new String[0];
      agentId = null;
      refresh();
    } catch (RuleViolation violation) {
      fieldErrors(violation, "user:");
    } catch (Conflict e) {
      error("user:username", e.getMessage());
    }
  }

  public void changePassword() {
    try {
      users.changePassword(passwordUser, newPassword, caller);
      info("Password of '%s' changed.".formatted(passwordUser));
      newPassword = null;
    } catch (RuleViolation violation) {
      fieldErrors(violation, "passwordForm:");
    } catch (NotFound | Forbidden e) {
      error("passwordForm:passwordUser", e.getMessage());
    }
  }

  public void delete(String name) {
    try {
      users.delete(name, caller);
      info("User '%s' deleted.".formatted(name));
    } catch (Conflict | NotFound e) {
      error(null, e.getMessage());
    }
    refresh();
  }

  public void issueToken() {
    issuedSecret = null;
    try {
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (String wire : tokenScopes == null ? new String[0] : tokenScopes) {
        scopes.add(
            Scope.fromWire(wire)
                .orElseThrow(() -> new RuleViolation("scopes", "'" + wire + "' is not a scope.")));
      }
      Optional<Instant> expiresAt = Inputs.instant(tokenExpiresAt, "expiresAt");
      Tokens.Issued issued =
          tokens.issue(
              tokenName, new Tokens.Grant(Optional.empty(), scopes, Set.of(), expiresAt), caller);
      issuedSecret = issued.secret();
      issuedName = issued.token().name();
      tokenName = null;
      tokenExpiresAt = null;
      refresh();
    } catch (RuleViolation violation) {
      fieldErrors(violation, "token:");
    }
  }

  public void revoke(long id) {
    issuedSecret = null;
    try {
      tokens.revoke(id, caller);
      info("Token revoked: requests with it are refused from now on.");
    } catch (NotFound e) {
      error(null, e.getMessage());
    }
    refresh();
  }

  /**
   * Each violation beside its field in that form; the password form names its field newPassword.
   */
  private static void fieldErrors(RuleViolation violation, String form) {
    for (FieldError e : violation.errors()) {
      String field =
          switch (form + e.field()) {
            case "user:username", "user:password", "user:roles", "user:agentId" -> e.field();
            case "passwordForm:password" -> "newPassword";
            case "token:name", "token:scopes", "token:expiresAt" ->
                "token" + capitalised(e.field());
            default -> null;
          };
      error(field == null ? null : form + field, e.message());
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private void refresh() {
    userRows =
        users.all().stream()
            .map(
                u ->
                    new UserRow(
                        u.username(),
                        u.roles().stream()
                            .map(Role::name)
                            .sorted()
                            .collect(Collectors.joining(", ")),
                        u.agent().map(a -> a.name() + " (#" + a.id() + ")").orElse(""),
                        shown(u.createdAt())))
            .toList();
    Instant now = clock.instant();
    tokenRows =
        tokens.all().stream()
            .map(
                (ApiToken t) ->
                    new TokenRow(
                        t.id(),
                        t.name(),
                        t.scopes().stream()
                                .map(Scope::wire)
                                .sorted()
                                .collect(Collectors.joining(", "))
                            + (t.eventQueues().isEmpty()
                                ? ""
                                : " (events of queues " + t.eventQueues() + ")"),
                        shown(t.createdAt()),
                        t.createdBy(),
                        t.expiresAt().map(this::shown).orElse(""),
                        t.lastUsedAt().map(this::shown).orElse("never"),
                        t.revokedAt().map(this::shown).orElse(""),
                        t.isActiveAt(now)))
            .toList();
    failureRows =
        logins.recentFailures(caller).stream()
            .map(
                f ->
                    new FailureRow(
                        f.username(), f.clientAddress(), f.failures(), shown(f.lastFailureAt())))
            .toList();
    agentChoices =
        agents.all().stream()
            .map((Agent a) -> new AgentChoice(a.id(), a.name() + " (#" + a.id() + ")"))
            .toList();
  }

  private String shown(Instant at) {
    return at == null ? "" : at.atZone(clock.getZone()).format(SHOWN);
  }

  public List<UserRow> getUserRows() {
    return userRows;
  }

  public List<TokenRow> getTokenRows() {
    return tokenRows;
  }

  public List<FailureRow> getFailureRows() {
    return failureRows;
  }

  public List<AgentChoice> getAgentChoices() {
    return agentChoices;
  }

  public List<String> getRoleChoices() {
    return Arrays.stream(Role.values()).map(Enum::name).toList();
  }

  public String getViewerZone() {
    return clock.getZone().getId();
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String[] getRoles() {
    return roles;
  }

  public void setRoles(String[] roles) {
    this.roles = roles == null ? new String[0] : roles;
  }

  public Long getAgentId() {
    return agentId;
  }

  public void setAgentId(Long agentId) {
    this.agentId = agentId;
  }

  public String getPasswordUser() {
    return passwordUser;
  }

  public void setPasswordUser(String passwordUser) {
    this.passwordUser = passwordUser;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getTokenName() {
    return tokenName;
  }

  public void setTokenName(String tokenName) {
    this.tokenName = tokenName;
  }

  public String[] getTokenScopes() {
    return tokenScopes;
  }

  public void setTokenScopes(String[] tokenScopes) {
    this.tokenScopes = tokenScopes;
  }

  public String getTokenExpiresAt() {
    return tokenExpiresAt;
  }

  public void setTokenExpiresAt(String tokenExpiresAt) {
    this.tokenExpiresAt = tokenExpiresAt;
  }

  public List<String> getScopeChoices() {
    return Arrays.stream(Scope.values()).map(Scope::wire).toList();
  }

  public String getIssuedSecret() {
    return issuedSecret;
  }

  public String getIssuedName() {
    return issuedName;
  }
}
