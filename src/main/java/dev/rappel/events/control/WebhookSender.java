package dev.rappel.events.control;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.events.entity.DeliveryResult;
import dev.rappel.platform.control.SignedPost;
import dev.rappel.platform.control.WebhookSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

  @Inject Clock clock;

  /** A subscription's receiver: where its events go and the secret they are signed with. */
  public record Target(long subscriptionId, String url, String secret) {
    @Override
    public String toString() {
      return "subscription " + subscriptionId + " (" + url + ")"; // never the secret
    }
  }

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

  /** The configured subscriber's URL, if one is configured. */
  public Optional<String> configuredUrl() {
    return url.filter(u -> !u.isBlank());
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

  /** POSTs {@code event} to a subscription's receiver, signed with its secret. */
  public DeliveryResult deliver(Target target, CallbackChanged event) {
    return post(target, event.eventId(), event.event(), Json.JSONB.toJson(event));
  }

  /**
   * POSTs a test event ({@code "event": "ping"}, id {@code ping-<uuid>}) to a subscription's
   * receiver, signed like any event, so an admin sees whether it arrives and is accepted.
   */
  public DeliveryResult ping(Target target) {
    String id = "ping-" + UUID.randomUUID();
    String body =
        Json.JSONB.toJson(
            Map.of(
                "eventId",
                id,
                "event",
                "ping",
                "at",
                clock.instant().toString(),
                "subscriptionId",
                target.subscriptionId()));
    return post(target, id, "ping", body);
  }

  /** An event not sent at all, {@code why}: recorded like a failed try. */
  public DeliveryResult notSent(String eventId, String why) {
    return new DeliveryResult(eventId, clock.instant(), Optional.empty(), Optional.of(why), 0);
  }

  private DeliveryResult post(Target target, String id, String event, String body) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    SignedPost.Result result =
        post.post(
            target.url(),
            WebhookSigner.of(target.toString() + " secret", Optional.of(target.secret())),
            id,
            body,
            Map.of("X-Rappel-Event-Id", id, "X-Rappel-Event", event));
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new DeliveryResult(
        id,
        at,
        result.status(),
        result.status().isPresent() ? Optional.empty() : Optional.of(result.description()),
        millis);
  }
}
