package dev.rappel.delivery.control;

import dev.rappel.platform.control.SignedPost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the telephony platform to dial by POSTing a JSON dial request to its URL, signed with
 * HMAC-SHA256 over the body ({@code X-Rappel-Signature: sha256=<hex>}), once per call: the dial
 * outbox ({@code Dials}) retries with backoff. The request and its {@code X-Rappel-Dial-Id} header
 * carry the attempt's dial id, so the platform can drop a request it already took; it reports the
 * outcome on {@code POST /api/v1/callbacks/{id}/attempts/{n}/outcome}.
 */
@ApplicationScoped
public class WebhookDialer implements Dialer {

  @Inject
  @ConfigProperty(name = "rappel.dialer.webhook.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "rappel.dialer.webhook.secret")
  Optional<String> secret;

  @Inject SignedPost post;

  @Override
  public void dial(DialRequest request) {
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
    String target =
        url.orElseThrow(() -> new DialNotTaken("rappel.dialer.webhook.url is not set", true));
    SignedPost.Result result =
        post.post(target, secret, body, Map.of("X-Rappel-Dial-Id", request.dialId()));
    if (!result.succeeded()) {
      throw new DialNotTaken(result.description(), result.isTransient());
    }
  }
}
