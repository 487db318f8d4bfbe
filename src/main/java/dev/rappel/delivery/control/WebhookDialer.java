package dev.rappel.delivery.control;

import dev.rappel.platform.control.Signatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the telephony platform to dial by POSTing a JSON dial request to its URL, signed with
 * HMAC-SHA256 over the body ({@code X-Rappel-Signature: sha256=<hex>}). Timeouts are short and a
 * failed request is retried a few times with backoff; the platform reports the outcome on {@code
 * POST /api/v1/callbacks/{id}/attempts/{n}/outcome}. A request that never gets through is reported
 * as a FAILED dial so the callback does not hang.
 */
@ApplicationScoped
public class WebhookDialer implements Dialer {
  private static final Logger LOG = Logger.getLogger(WebhookDialer.class.getName());

  @Inject
  @ConfigProperty(name = "rappel.dialer.webhook.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "rappel.dialer.webhook.secret")
  Optional<String> secret;

  @Inject
  @ConfigProperty(name = "rappel.dialer.webhook.attempts", defaultValue = "3")
  int attempts;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @Override
  public void dial(DialRequest request) {
    String body =
        Json.createObjectBuilder()
            .add("callbackId", request.callbackId())
            .add("attempt", request.attempt())
            .add("phoneNumber", request.phoneNumber())
            .add("callerId", request.callerId() == null ? "" : request.callerId())
            .add("callerIdName", request.callerIdName() == null ? "" : request.callerIdName())
            .add("agentId", request.agentId())
            .add("mode", request.mode())
            .build()
            .toString();
    String target =
        url.orElseThrow(() -> new IllegalStateException("rappel.dialer.webhook.url is not set"));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("X-Rappel-Dial-Id", "dial-" + request.callbackId() + "-" + request.attempt())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    secret.ifPresent(s -> builder.header("X-Rappel-Signature", Signatures.sign(s, body)));
    HttpRequest httpRequest = builder.build();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        HttpResponse<Void> response =
            http.send(httpRequest, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
        LOG.warning(
            "Dial webhook answered " + response.statusCode() + " for " + request.callbackId());
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Dial webhook unreachable for " + request.callbackId(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(500L << (attempt - 1));
    }
    throw new DialFailed("The telephony platform did not take the dial request");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The dial request could not be handed over. */
  public static class DialFailed extends RuntimeException {
    public DialFailed(String message) {
      super(message);
    }
  }
}
