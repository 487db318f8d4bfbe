package dev.rappel.selfservice.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's self-service link to a callback: issued and revoked by those who manage it. */
@Path("callbacks/{id}/link")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Callbacks")
public class SelfServiceLinksResource {

  @Inject SelfServiceLinks links;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  @Inject
  @ConfigProperty(name = "rappel.public-url")
  Optional<String> publicUrl;

  /** The pinned answer: the page's URL (with its token, shown this once) and its expiry. */
  public record LinkView(String url, String expiresAt) {}

  @POST
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Operation(
      operationId = "createSelfServiceLink",
      summary = "A link for the customer to see, move or cancel this callback",
      description =
          "The URL opens a public page (no sign-in) for this callback only; send it to the"
              + " customer by SMS or e-mail. Its token is shown only in this answer. The link"
              + " expires at expiresAt (rappel.selfservice.link-days), when the callback ends, or"
              + " when revoked. Each call makes a new link; earlier ones stay valid until revoked.")
  @APIResponse(
      responseCode = "201",
      description = "The link",
      content = @Content(schema = @Schema(implementation = LinkView.class)))
  @APIResponse(responseCode = "404", description = "Unknown callback")
  @APIResponse(responseCode = "409", description = "The callback has ended")
  public Response create(@PathParam("id") long id) {
    var issued = links.issue(id, caller);
    String url = base() + "/c/" + issued.token().value();
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(Response.Status.CREATED)
        .cacheControl(noStore)
        .entity(new LinkView(url, DateTimeFormatter.ISO_INSTANT.format(issued.expiresAt())))
        .build();
  }

  @DELETE
  @RolesAllowed({
    Role.ADMIN_NAME,
    Role.SUPERVISOR_NAME,
    Role.AGENT_NAME,
    Scope.CALLBACKS_MANAGE_NAME
  })
  @Operation(
      operationId = "revokeSelfServiceLinks",
      summary = "Revoke every self-service link of this callback",
      description = "Their pages show the neutral page from now on.")
  @APIResponse(responseCode = "204", description = "Revoked (also when there was none)")
  @APIResponse(responseCode = "404", description = "Unknown callback")
  public Response revoke(@PathParam("id") long id) {
    links.revokeAll(id, caller);
    return Response.noContent().build();
  }

  /** The server's public address, else the context root the request came to. */
  private String base() {
    String configured = publicUrl.map(String::trim).orElse("");
    if (!configured.isEmpty()) {
      return configured.endsWith("/")
          ? configured.substring(0, configured.length() - 1)
          : configured;
    }
    URI api = uriInfo.getBaseUri(); // .../api/v1/
    String path = api.getPath();
    int at = path.lastIndexOf("/api/");
    return api.resolve(at >= 0 ? path.substring(0, at) + "/" : "/").toString().replaceAll("/$", "");
  }
}
