package dev.rappel.platform.boundary;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Serves the API's few paths outside {@code /api/v1} — the Genesys-compatible {@code /api/v2/...}
 * and the OAuth {@code /oauth/token} — with the one JAX-RS application, whose path is {@code
 * /api/v1}: such a request is forwarded to {@code /api/v1/forwarded} + its path, where resources
 * declare {@code @Path(PREFIX + "/api/v2/...")}. (A second JAX-RS application would take every
 * resource of the WAR, and the OpenAPI document of the first one none.) The document lists those
 * operations under their public paths ({@link ApiDocument}); a request sent to {@code
 * /api/v1/forwarded/...} directly finds nothing ({@link ForwardedOnly}). Requests are authenticated
 * on their public path, before this filter.
 */
@WebFilter(
    urlPatterns = {"/api/v2/*", "/oauth/token"},
    asyncSupported = true)
public class ForwardedPaths implements Filter {
  /** The start of the {@code @Path} of a resource served outside {@code /api/v1}. */
  public static final String PREFIX = "forwarded";

  /** Where those requests go, from the context root. */
  static final String TARGET = "/api/v1/" + PREFIX;

  /** Whether a path relative to the JAX-RS application ({@code UriInfo.getPath()}) is one. */
  public static boolean isForwarded(String applicationPath, String publicPrefix) {
    String path = applicationPath.startsWith("/") ? applicationPath.substring(1) : applicationPath;
    return path.startsWith(PREFIX + publicPrefix);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String path = http.getRequestURI().substring(http.getContextPath().length());
    String query = http.getQueryString();
    request
        .getRequestDispatcher(TARGET + path + (query == null ? "" : "?" + query))
        .forward(request, response);
  }
}
