package dev.rappel.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON POST to another system with short timeouts, signed the Standard Webhooks way ({@link
 * WebhookSigner}) at the injected clock's time: a retry is signed afresh, with the same id. Any 2xx
 * answer is success.
 */
@ApplicationScoped
public class SignedPost {
  private static final Logger LOG = Logger.getLogger(SignedPost.class.getName());

  @Inject Clock clock;

  public SignedPost() {}

  /** Outside CDI (tests): signs at this clock's time. */
  public SignedPost(Clock clock) {
    this.clock = clock;
  }

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
      String url, WebhookSigner signer, String id, String body, Map<String, String> headers) {
    return post(url, signer, id, body, headers).succeeded();
  }

  /** POSTs {@code body} as message {@code id} with the extra {@code headers}. */
  public Result post(
      String url, WebhookSigner signer, String id, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    signer.headers(id, clock.instant(), body).forEach(request::header);
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
