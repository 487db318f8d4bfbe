package dev.rappel.events.control;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.platform.control.SignedPost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POSTs one event to the subscriber ({@code rappel.webhooks.url}) as JSON, with its unique id in
 * {@code X-Rappel-Event-Id}, signed under {@code rappel.webhooks.secret}.
 */
@ApplicationScoped
public class WebhookSender {

  @Inject
  @ConfigProperty(name = "rappel.webhooks.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "rappel.webhooks.secret")
  Optional<String> secret;

  @Inject SignedPost post;

  private final Jsonb jsonb = JsonbBuilder.create();

  public boolean isConfigured() {
    return url.filter(u -> !u.isBlank()).isPresent();
  }

  /** True when the subscriber took the event. */
  public boolean send(CallbackChanged event) {
    return post.send(
        url.orElseThrow(),
        secret,
        jsonb.toJson(event),
        Map.of("X-Rappel-Event-Id", event.eventId(), "X-Rappel-Event", event.event()));
  }
}
