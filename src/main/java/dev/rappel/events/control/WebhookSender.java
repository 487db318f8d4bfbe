package dev.rappel.events.control;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.platform.control.Signatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
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
 * POSTs one event to the subscriber ({@code rappel.webhooks.url}) as JSON, with its unique id in
 * {@code X-Rappel-Event-Id} and an HMAC-SHA256 of the body under {@code rappel.webhooks.secret} in
 * {@code X-Rappel-Signature: sha256=<hex>}. Any 2xx answer means delivered.
 */
@ApplicationScoped
public class WebhookSender {
  private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

  @Inject
  @ConfigProperty(name = "rappel.webhooks.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "rappel.webhooks.secret")
  Optional<String> secret;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Jsonb jsonb = JsonbBuilder.create();

  public boolean isConfigured() {
    return url.filter(u -> !u.isBlank()).isPresent();
  }

  /** True when the subscriber took the event. */
  public boolean send(CallbackChanged event) {
    String body = jsonb.toJson(event);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.orElseThrow()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("X-Rappel-Event-Id", event.eventId())
            .header("X-Rappel-Event", event.event())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    secret
        .filter(s -> !s.isBlank())
        .ifPresent(s -> request.header("X-Rappel-Signature", Signatures.sign(s, body)));
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2;
    } catch (IOException e) {
      LOG.log(Level.FINE, "Webhook subscriber unreachable", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
