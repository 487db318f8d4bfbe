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

  /**
   * How a POST went: the status the other system answered, or none when it could not be reached or
   * did not answer in time.
   */
  public record Result(Optional<Integer> status, String description) {

    public boolean succeeded() {
      return status.map(code -> code / 100 == 2).orElse(false);
    }

    /** Worth trying again later: unreachable, too slow, overloaded (5xx, 408, 429). */
    public boolean isTransient() {
      return status.map(code -> code / 100 == 5 || code == 408 || code == 429).orElse(true);
    }
  }

  /** True when the other system took the POST (a 2xx answer). */
  public boolean send(
      String url, Optional<String> secret, String body, Map<String, String> headers) {
    return post(url, secret, body, headers).succeeded();
  }

  public Result post(
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
      return new Result(Optional.of(status), url + " answered " + status);
    } catch (IOException e) {
      LOG.log(Level.FINE, url + " unreachable", e);
      return new Result(Optional.empty(), url + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Optional.empty(), "interrupted while posting to " + url);
    }
  }
}
