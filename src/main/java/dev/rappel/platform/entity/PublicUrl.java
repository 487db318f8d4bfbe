package dev.rappel.platform.entity;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The address people and integrations reach the server at ({@code rappel.public-url}), which may
 * differ from what the server sees behind a proxy. When it is {@code https}, the proxy ends TLS:
 * the server itself sees plain HTTP, so it cannot tell from the request that browsers must keep to
 * HTTPS and must never send the session cookie without it; this says so.
 */
public record PublicUrl(Optional<URI> uri) {

  /** One year, the usual HSTS lifetime; subdomains are not the server's to decide for. */
  static final String HSTS = "max-age=31536000";

  public static PublicUrl of(Optional<String> configured) {
    return new PublicUrl(configured.map(String::trim).filter(s -> !s.isEmpty()).map(URI::create));
  }

  public boolean isHttps() {
    return uri.map(URI::getScheme).map(s -> s.toLowerCase(Locale.ROOT)).stream()
        .anyMatch("https"::equals);
  }

  /** The {@code Strict-Transport-Security} value to send, only behind an HTTPS address. */
  public Optional<String> strictTransportSecurity() {
    return isHttps() ? Optional.of(HSTS) : Optional.empty();
  }

  /** Whether the session cookie must be {@code Secure} (sent over HTTPS only). */
  public boolean secureCookies() {
    return isHttps();
  }
}
