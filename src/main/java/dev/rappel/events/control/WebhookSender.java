package dev.rappel.events.control;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.platform.control.SignedPost;
import dev.rappel.platform.control.WebhookSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POSTs one event to the subscriber ({@code rappel.webhooks.url}) as JSON, signed the Standard
 * Webhooks way under {@code rappel.webhooks.secret} with the event id ({@code cb-<callback>-<seq>})
 * as {@code webhook-id}, which {@code X-Rappel-Event-Id} repeats. A subscriber without a usable
 * secret gets nothing: unsigned events would let anyone who can reach it forge steps.
 */
@ApplicationScoped
public class WebhookSender {
  static final String URL = "rappel.webhooks.url";
  static final String SECRET = "rappel.webhooks.secret";

  @Inject
  @ConfigProperty(name = URL)
  Optional<String> url;

  @Inject
  @ConfigProperty(name = SECRET)
  Optional<String> secret;

  @Inject SignedPost post;

  /** Created on the first send (thread-safe), so the configuration rule needs no JSON provider. */
  private static final class Json {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  /** A subscriber is configured: steps go to the outbox for it, even while {@link #refusal}. */
  public boolean isConfigured() {
    return url.filter(u -> !u.isBlank()).isPresent();
  }

  /** Why the configured subscriber receives nothing: its secret is missing or unusable. */
  public Optional<String> refusal() {
    if (!isConfigured()) {
      return Optional.empty();
    }
    return WebhookSigner.problem(SECRET, secret)
        .map(
            problem ->
                URL
                    + " is set, but "
                    + problem
                    + ". No webhook event is sent until then; the outbox keeps them.");
  }

  /** Configured and able to sign. */
  public boolean canSend() {
    return isConfigured() && refusal().isEmpty();
  }

  /** True when the subscriber took the event. */
  public boolean send(CallbackChanged event) {
    return post.send(
        url.orElseThrow(),
        WebhookSigner.of(SECRET, secret),
        event.eventId(),
        Json.JSONB.toJson(event),
        Map.of("X-Rappel-Event-Id", event.eventId(), "X-Rappel-Event", event.event()));
  }
}
