package dev.rappel.delivery.control;

import dev.rappel.platform.control.SignedPost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Map;
import java.util.Optional;
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

  @Inject SignedPost post;

  /** First pause between tries; it doubles after each. */
  long backoffMillis = 500;

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
    Map<String, String> headers =
        Map.of("X-Rappel-Dial-Id", "dial-" + request.callbackId() + "-" + request.attempt());
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (post.send(target, secret, body, headers)) {
        return;
      }
      LOG.warning(
          "Dial request for callback " + request.callbackId() + " not taken, try " + attempt);
      sleep(backoffMillis << (attempt - 1));
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
