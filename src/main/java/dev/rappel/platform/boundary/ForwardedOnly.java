package dev.rappel.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The resources of {@link ForwardedPaths} answer only on their public paths: {@code
 * /api/v1/forwarded/...} asked for directly is a 404, as any unknown path.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ForwardedOnly implements ContainerRequestFilter {

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (ForwardedPaths.isForwarded(request.getUriInfo().getPath(), "")
        && servletRequest.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) == null) {
      request.abortWith(
          Problem.of("http-404", Response.Status.NOT_FOUND, "Nothing is found at this path.")
              .toResponse());
    }
  }
}
