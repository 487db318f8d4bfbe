package dev.rappel.security.boundary;

import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
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
import java.util.List;
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
    public String role;
  }

  /** A token as listed: never its value. */
  public record TokenView(
      long id, String name, String role, Instant createdAt, String createdBy, Instant revokedAt) {
    static TokenView of(ApiToken token) {
      return new TokenView(
          token.id(),
          token.name(),
          token.role().name(),
          token.createdAt(),
          token.createdBy(),
          token.revokedAt().orElse(null));
    }
  }

  /** The answer to a creation: the only time the token is shown. */
  public record IssuedView(long id, String name, String role, String token) {}

  @POST
  @Operation(
      operationId = "issueToken",
      summary = "Issue a token for a role; its value is shown in this answer only")
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
    Role role = Inputs.requiredEnum(body.role, Role.class, "role");
    Tokens.Issued issued = tokens.issue(body.name, role, caller);
    ApiToken token = issued.token();
    return Response.created(uriInfo.getAbsolutePathBuilder().path(token.id().toString()).build())
        .entity(new IssuedView(token.id(), token.name(), role.name(), issued.secret()))
        .build();
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
