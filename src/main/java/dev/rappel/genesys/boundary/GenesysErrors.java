package dev.rappel.genesys.boundary;

import dev.rappel.platform.boundary.ForwardedPaths;
import dev.rappel.platform.boundary.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * On {@code /api/v2/...} every problem the API answers (a broken rule, an unknown id, an unreadable
 * body, a refused role, an unknown path, ...) goes out as Genesys' error body instead, the only
 * error shape Genesys clients read; 422 becomes 400, as Genesys has no 422. The 401 of a missing or
 * wrong credential is written in that shape by the authentication itself.
 */
@Provider
public class GenesysErrors implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!ForwardedPaths.isForwarded(request.getUriInfo().getPath(), "/api/v2/")
        || !(response.getEntity() instanceof Problem problem)) {
      return;
    }
    GenesysError error = GenesysError.of(problem.status(), problem.detail(), problem.errors());
    response.setStatus(error.status());
    response.setEntity(error, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
  }
}
