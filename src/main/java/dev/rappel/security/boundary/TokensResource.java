package dev.rappel.security.boundary;

import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import dev.rappel.security.entity.ApiToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API tokens for integrations (admins only). */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "Access")
public class TokensResource {

  @Inject Tokens tokens;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  /** Body of {@code POST /tokens}. */
  public static class TokenInput {
    public String name;

    // what the token may do: callbacks:create, callbacks:read, callbacks:manage,
    // interactions:write, telephony, events:read, admin (a description here made the generated
    // schema an array of arrays)
    public List<String> scopes;

    /** events:read only for these queues (none: every queue). */
    public List<Long> eventQueueIds;

    @Schema(description = "RFC 3339; from then on the token is refused like a revoked one")
    public String expiresAt;

    @Schema(
        description =
            "Instead of scopes, as earlier releases: INTEGRATION = callbacks:create,"
                + " callbacks:read, interactions:write",
        deprecated = true)
    public String role;
  }

  /** A token as listed: never its value. */
  public record TokenView(
      long id,
      String name,
      List<String> scopes,
      List<Long> eventQueueIds,
      String role,
      Instant createdAt,
      String createdBy,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {
    static TokenView of(ApiToken token) {
      return new TokenView(
          token.id(),
          token.name(),
          wire(token.scopes()),
          List.copyOf(token.eventQueues()),
          token.role().map(Enum::name).orElse(null),
          token.createdAt(),
          token.createdBy(),
          token.expiresAt().orElse(null),
          token.lastUsedAt().orElse(null),
          token.revokedAt().orElse(null));
    }
  }

  static List<String> wire(Set<Scope> scopes) {
    return scopes.stream().map(Scope::wire).sorted().toList();
  }

  /** The answer to a creation: the only time the token is shown. */
  public record IssuedView(
      long id, String name, List<String> scopes, Instant expiresAt, String role, String token) {}

  @POST
  @Operation(
      operationId = "issueToken",
      summary = "Issue a token with scopes; its value is shown in this answer only")
  @APIResponse(
      responseCode = "201",
      description = "Issued; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = IssuedView.class)))
  public Response issue(@NotNull(message = "A JSON body is required.") TokenInput body) {
    Tokens.Issued issued = tokens.issue(body.name, grant(body), caller);
    ApiToken token = issued.token();
    return Response.created(uriInfo.getAbsolutePathBuilder().path(token.id().toString()).build())
        .entity(
            new IssuedView(
                token.id(),
                token.name(),
                wire(token.scopes()),
                token.expiresAt().orElse(null),
                token.role().map(Enum::name).orElse(null),
                issued.secret()))
        .build();
  }

  private static Tokens.Grant grant(TokenInput body) {
    Violations violations = new Violations();
    Optional<Role> role =
        violations.checkOptional(() -> Inputs.enumValue(body.role, Role.class, "role"));
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : body.scopes == null ? List.<String>of() : body.scopes) {
      Optional<Scope> scope = Scope.fromWire(name);
      if (scope.isPresent()) {
        scopes.add(scope.get());
      } else {
        violations.add("scopes", "'" + name + "' is not a scope.");
      }
    }
    Optional<Instant> expiresAt =
        violations.checkOptional(() -> Inputs.instant(body.expiresAt, "expiresAt"));
    Set<Long> queues = new HashSet<>();
    for (Long queue : body.eventQueueIds == null ? List.<Long>of() : body.eventQueueIds) {
      if (queue == null) {
        violations.add("eventQueueIds", "holds queue ids, not null.");
      } else {
        queues.add(queue);
      }
    }
    violations.throwIfAny();
    if (role.isPresent() && !scopes.isEmpty()) {
      throw new RuleViolation("scopes", "Give scopes or a role, not both.");
    }
    if (role.isEmpty() && scopes.isEmpty()) {
      throw new RuleViolation("scopes", "is required: what the token may do.");
    }
    return new Tokens.Grant(role, scopes, queues, expiresAt);
  }

  @GET
  @Operation(operationId = "listTokens", summary = "All tokens, without their values")
  public List<TokenView> all() {
    return tokens.all().stream().map(TokenView::of).toList();
  }

  @DELETE
  @Path("{id}")
  @Operation(operationId = "revokeToken", summary = "Revoke a token")
  @APIResponse(responseCode = "204", description = "Done")
  public Response revoke(@PathParam("id") long id) {
    tokens.revoke(id, caller);
    return Response.noContent().build();
  }
}
