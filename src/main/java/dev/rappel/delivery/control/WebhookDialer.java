package dev.rappel.delivery.control;

import dev.rappel.platform.control.SignedPost;
import dev.rappel.platform.control.WebhookSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the telephony platform to dial by POSTing a JSON dial request to its URL, signed the
 * Standard Webhooks way under {@code rappel.dialer.webhook.secret}, once per call: the dial outbox
 * ({@code Dials}) retries with backoff. The request, its {@code webhook-id} and its {@code
 * X-Rappel-Dial-Id} header carry the attempt's dial id, so the platform can drop a request it
 * already took; it reports the outcome on {@code POST /api/v1/callbacks/{id}/attempts/{n}/outcome}.
 * Without a URL and a usable secret no request leaves: an unsigned one would let anyone who can
 * reach the platform place calls.
 */
@ApplicationScoped
public class WebhookDialer implements Dialer {
  static final String URL = "rappel.dialer.webhook.url";
  static final String SECRET = "rappel.dialer.webhook.secret";

  @Inject
  @ConfigProperty(name = URL)
  Optional<String> url;

  @Inject
  @ConfigProperty(name = SECRET)
  Optional<String> secret;

  @Inject SignedPost post;

  @Override
  public Optional<String> misconfiguration() {
    if (url.filter(u -> !u.isBlank()).isEmpty()) {
      return Optional.of("rappel.dialer=webhook, but " + URL + " is not set. No call is placed.");
    }
    return WebhookSigner.problem(SECRET, secret)
        .map(problem -> "rappel.dialer=webhook, but " + problem + ". No call is placed.");
  }

  @Override
  public void dial(DialRequest request) {
    Optional<String> misconfiguration = misconfiguration();
    if (misconfiguration.isPresent()) {
      // a configuration fixed by a restart within the delivery timeout still places the call
      throw new DialNotTaken(misconfiguration.get(), true);
    }
    String body =
        Json.createObjectBuilder()
            .add("dialId", request.dialId())
            .add("callbackId", request.callbackId())
            .add("attempt", request.attempt())
            .add("phoneNumber", request.phoneNumber())
            .add("callerId", request.callerId() == null ? "" : request.callerId())
            .add("callerIdName", request.callerIdName() == null ? "" : request.callerIdName())
            .add("agentId", request.agentId())
            .add("mode", request.mode())
            .build()
            .toString();
    SignedPost.Result result =
        post.post(
            url.orElseThrow(),
            WebhookSigner.of(SECRET, secret),
            request.dialId(),
            body,
            Map.of("X-Rappel-Dial-Id", request.dialId()));
    if (!result.succeeded()) {
      throw new DialNotTaken(result.description(), result.isTransient());
    }
  }
}
