package dev.rappel.security.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import dev.rappel.security.entity.OAuthClient;
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

/** OAuth 2.0 clients for {@code /oauth/token} (admins only). */
@Path("oauth-clients")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "Access")
public class OAuthClientsResource {

  @Inject OAuthClients clients;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  /** Body of {@code POST /oauth-clients}. */
  public static class ClientInput {
    public String name;

    // what its tokens may do, as for API tokens: callbacks:create, callbacks:read, ...
    public List<String> scopes;
  }

  /** A client as listed: never its secret. */
  public record ClientView(
      String clientId, String name, List<String> scopes, Instant createdAt, String createdBy) {
    static ClientView of(OAuthClient client) {
      return new ClientView(
          client.clientId(),
          client.name(),
          TokensResource.wire(client.scopes()),
          client.createdAt(),
          client.createdBy());
    }
  }

  /** The answer to a creation: the only time the secret is shown. */
  public record CreatedView(
      String clientId,
      String clientSecret,
      String name,
      List<String> scopes,
      Instant createdAt,
      String createdBy) {}

  @POST
  @Operation(
      operationId = "createOAuthClient",
      summary = "Create an OAuth client; its secret is shown in this answer only",
      description =
          "The client trades its id and secret at POST /oauth/token (client credentials grant)"
              + " for short-lived bearer tokens with its scopes.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = CreatedView.class)))
  public Response create(@NotNull(message = "A JSON body is required.") ClientInput body) {
    OAuthClients.Created created = clients.create(body.name, scopes(body.scopes), caller);
    OAuthClient client = created.client();
    return Response.created(uriInfo.getAbsolutePathBuilder().path(client.clientId()).build())
        .entity(
            new CreatedView(
                client.clientId(),
                created.secret(),
                client.name(),
                TokensResource.wire(client.scopes()),
                client.createdAt(),
                client.createdBy()))
        .build();
  }

  private static Set<Scope> scopes(List<String> names) {
    Violations violations = new Violations();
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : names == null ? List.<String>of() : names) {
      Optional<Scope> scope = Scope.fromWire(name);
      if (scope.isPresent()) {
        scopes.add(scope.get());
      } else {
        violations.add("scopes", "'" + name + "' is not a scope.");
      }
    }
    violations.throwIfAny();
    return scopes;
  }

  @GET
  @Operation(operationId = "listOAuthClients", summary = "All OAuth clients, without secrets")
  public List<ClientView> all() {
    return clients.all().stream().map(ClientView::of).toList();
  }

  @DELETE
  @Path("{clientId}")
  @Operation(
      operationId = "deleteOAuthClient",
      summary = "Delete an OAuth client and revoke every token it was issued")
  @APIResponse(responseCode = "204", description = "Done")
  public Response delete(@PathParam("clientId") String clientId) {
    clients.delete(clientId, caller);
    return Response.noContent().build();
  }
}
