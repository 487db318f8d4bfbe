package dev.rappel.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Headers that keep browsers from misusing what the server sends: no MIME sniffing, no framing
 * (clickjacking), no referrer leaks, and a content policy that allows only the server's own
 * resources. Behind an HTTPS public address, {@code Strict-Transport-Security} too, so browsers
 * never go back to plain HTTP (and never send the session cookie over it).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  /**
   * Pages: PrimeFaces sends its own policy for scripts (a nonce per response); this one adds what
   * it leaves out. Browsers enforce both.
   */
  static final String PAGE_POLICY =
      "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

  private Optional<String> strictTransportSecurity = Optional.empty();

  @Override
  public void init() {
    strictTransportSecurity = SessionCookieSecurity.publicUrl().strictTransportSecurity();
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader(
        "Content-Security-Policy", path.startsWith("/api/") ? API_POLICY : PAGE_POLICY);
    strictTransportSecurity.ifPresent(
        value -> response.setHeader("Strict-Transport-Security", value));
    chain.doFilter(request, response);
  }
}
