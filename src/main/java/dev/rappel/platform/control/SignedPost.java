package dev.rappel.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON POST to another system with short timeouts, signed with HMAC-SHA256 over the body
 * ({@code X-Rappel-Signature: sha256=<hex>}) when a secret is set. Any 2xx answer is success.
 */
@ApplicationScoped
public class SignedPost {
  private static final Logger LOG = Logger.getLogger(SignedPost.class.getName());

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public boolean send(
      String url, Optional<String> secret, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    secret
        .filter(s -> !s.isBlank())
        .ifPresent(s -> request.header("X-Rappel-Signature", Signatures.sign(s, body)));
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        LOG.fine(() -> url + " answered " + status);
      }
      return status / 100 == 2;
    } catch (IOException e) {
      LOG.log(Level.FINE, url + " unreachable", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
