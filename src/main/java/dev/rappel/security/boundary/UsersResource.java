package dev.rappel.security.boundary;

import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import dev.rappel.security.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users, their roles and passwords (admins), and one's own password. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access", description = "Users and API tokens")
public class UsersResource {

  @Inject Users users;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  /** Body of {@code POST /users}. */
  public static class UserInput {
    public String username;
    public String password;
    public List<String> roles;
    public Long agentId;
  }

  /** Body of {@code PUT /users/{username}/password}. */
  public static class PasswordInput {
    public String password;
  }

  /** Body of {@code PUT /users/{username}/roles}. */
  public static class RolesInput {
    public List<String> roles;
    public Long agentId;
  }

  /** A user as the API shows it: never its password or hash. */
  public record UserView(String username, List<String> roles, Long agentId, Instant createdAt) {
    static UserView of(User user) {
      return new UserView(
          user.username(),
          user.roles().stream().map(Role::name).sorted().toList(),
          user.agent().map(a -> a.id()).orElse(null),
          user.createdAt());
    }
  }

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "createUser",
      summary = "Create a user with roles (AGENT users name their agentId)")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = UserView.class)))
  public Response create(@NotNull(message = "A JSON body is required.") UserInput body) {
    Violations violations = new Violations();
    Set<Role> roles = violations.check(() -> roles(body.roles));
    violations.throwIfAny();
    User user = users.create(body.username, body.password, roles, body.agentId, caller);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(user.username()).build())
        .entity(UserView.of(user))
        .build();
  }

  @GET
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(operationId = "listUsers", summary = "All users")
  public List<UserView> all() {
    return users.all().stream().map(UserView::of).toList();
  }

  @PUT
  @Path("{username}/password")
  @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.INTEGRATION_NAME})
  @Operation(
      operationId = "setUserPassword",
      summary = "Change a password: one's own, or anyone's for an admin")
  @APIResponse(responseCode = "204", description = "Done")
  public Response password(
      @PathParam("username") String username,
      @NotNull(message = "A JSON body is required.") PasswordInput body) {
    users.changePassword(username, body.password, caller);
    return Response.noContent().build();
  }

  @PUT
  @Path("{username}/roles")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Replace a user's roles (and agent link); its console sessions end")
  public UserView roles(
      @PathParam("username") String username,
      @NotNull(message = "A JSON body is required.") RolesInput body) {
    Violations violations = new Violations();
    Set<Role> roles = violations.check(() -> roles(body.roles));
    violations.throwIfAny();
    return UserView.of(users.changeRoles(username, roles, body.agentId, caller));
  }

  @DELETE
  @Path("{username}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(operationId = "deleteUser", summary = "Delete a user")
  @APIResponse(responseCode = "204", description = "Done")
  public Response delete(@PathParam("username") String username) {
    users.delete(username, caller);
    return Response.noContent().build();
  }

  private static Set<Role> roles(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new RuleViolation("roles", "A user needs at least one role.");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      roles.add(Inputs.requiredEnum(name, Role.class, "roles"));
    }
    return roles;
  }
}
