package dev.rappel.security.boundary;

import dev.rappel.platform.boundary.ForwardedPaths;
import dev.rappel.platform.boundary.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * On {@code /oauth/token}, what the rest of the API answers as a problem (a body too large, the
 * database unavailable, ...) is answered as an RFC 6749 §5.2 error, the one shape OAuth clients
 * read.
 */
@Provider
public class OAuthErrors implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!ForwardedPaths.isForwarded(request.getUriInfo().getPath(), "/oauth/")
        || !(response.getEntity() instanceof Problem problem)) {
      return;
    }
    String error =
        switch (problem.status() / 100) {
          case 5 -> problem.status() == 503 ? "temporarily_unavailable" : "server_error";
          default -> problem.status() == 401 ? "invalid_client" : "invalid_request";
        };
    response.setEntity(
        new OAuthError(error, problem.detail()),
        response.getEntityAnnotations(),
        MediaType.APPLICATION_JSON_TYPE);
    response.getHeaders().putSingle("Cache-Control", "no-store");
  }
}
