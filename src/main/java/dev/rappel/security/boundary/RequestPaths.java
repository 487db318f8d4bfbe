package dev.rappel.security.boundary;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a request goes to the API, decided on the path as the container routes it, not on the raw
 * request URI: {@code //api/v1/...}, {@code /x/../api/...}, {@code /%61pi/...} or {@code
 * /api;jsessionid=.../...} all reach the API, and must be authenticated as API calls (never by the
 * consoles' session cookie). In doubt a request counts as an API call: the stricter side.
 */
final class RequestPaths {
  private RequestPaths() {}

  static boolean isApi(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    return isApiPath(servletPath) || isApiPath(normalised(raw));
  }

  /** Whether a request goes to the Genesys-compatible endpoints ({@code /api/v2/...}). */
  static boolean isGenesys(HttpServletRequest request) {
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    String path = normalised(raw);
    return path.equals("/api/v2") || path.startsWith("/api/v2/");
  }

  static boolean isApiPath(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }

  /**
   * The path without path parameters ({@code ;...}), percent-decoded, with empty and {@code .}
   * segments dropped and {@code ..} applied.
   */
  static String normalised(String rawPath) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : rawPath.split("/", -1)) {
      int parameters = segment.indexOf(';');
      String name = decoded(parameters >= 0 ? segment.substring(0, parameters) : segment);
      // a decoded slash makes more segments, as a lenient container would see them
      for (String part : name.split("/", -1)) {
        if (part.isEmpty() || part.equals(".")) {
          continue;
        }
        if (part.equals("..")) {
          segments.pollLast();
        } else {
          segments.addLast(part);
        }
      }
    }
    return "/" + String.join("/", segments);
  }

  private static String decoded(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return segment;
    }
  }
}
