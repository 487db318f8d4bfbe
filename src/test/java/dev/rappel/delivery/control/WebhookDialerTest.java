package dev.rappel.delivery.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rappel.platform.control.SignedPost;
import dev.rappel.testing.StandardWebhooks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook dialer against a small HTTP server standing in for the telephony platform. */
class WebhookDialerTest {
  record Received(String body, String id, String timestamp, String signature, String dialId) {
    boolean verifiesUnder(String secret) {
      return StandardWebhooks.verifies(secret, id, timestamp, body, signature);
    }
  }

  private static final Instant NOW = Instant.parse("2026-03-29T01:30:00Z");

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(202);
  private HttpServer platform;

  @BeforeEach
  void startPlatform() throws IOException {
    platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    platform.createContext(
        "/dial",
        exchange -> {
          received.add(
              new Received(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  exchange.getRequestHeaders().getFirst("webhook-id"),
                  exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                  exchange.getRequestHeaders().getFirst("webhook-signature"),
                  exchange.getRequestHeaders().getFirst("X-Rappel-Dial-Id")));
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    platform.start();
  }

  @AfterEach
  void stopPlatform() {
    platform.stop(0);
  }

  private WebhookDialer dialer() {
    return dialer(Optional.of(StandardWebhooks.IT_SECRET));
  }

  private WebhookDialer dialer(Optional<String> secret) {
    WebhookDialer dialer = new WebhookDialer();
    dialer.url = Optional.of("http://localhost:" + platform.getAddress().getPort() + "/dial");
    dialer.secret = secret;
    dialer.post = new SignedPost(Clock.fixed(NOW, ZoneOffset.UTC));
    return dialer;
  }

  private static DialRequest request() {
    return new DialRequest(
        "5f1c7a3e-dial", 42, 2, "+33142685300", "+33100000000", "Rappel", 7, "CUSTOMER_FIRST");
  }

  @Test
  void dial_request_is_posted_once_signed_the_standard_webhooks_way_with_its_dial_id() {
    dialer().dial(request());

    assertThat(received).hasSize(1);
    Received dial = received.get(0);
    assertThat(dial.body())
        .contains("\"dialId\":\"5f1c7a3e-dial\"", "\"callbackId\":42", "\"attempt\":2")
        .contains(
            "\"phoneNumber\":\"+33142685300\"", "\"agentId\":7", "\"mode\":\"CUSTOMER_FIRST\"");
    assertThat(dial.dialId()).isEqualTo("5f1c7a3e-dial");
    assertThat(dial.id()).isEqualTo("5f1c7a3e-dial");
    assertThat(dial.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(dial.verifiesUnder(StandardWebhooks.IT_SECRET)).isTrue();
    assertThat(dial.verifiesUnder(StandardWebhooks.OTHER_SECRET)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "platform-secret"})
  void without_a_usable_secret_no_request_leaves_and_the_dialer_says_which_property(String secret) {
    WebhookDialer dialer = dialer(Optional.of(secret).filter(s -> !s.isEmpty()));

    assertThat(dialer.misconfiguration())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("rappel.dialer=webhook", "rappel.dialer.webhook.secret")
                    .doesNotContain("platform-secret"));
    assertThatThrownBy(() -> dialer.dial(request()))
        .isInstanceOfSatisfying(DialNotTaken.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(received).isEmpty();
  }

  @Test
  void without_a_url_the_dialer_says_which_property() {
    WebhookDialer dialer = dialer();
    dialer.url = Optional.empty();

    assertThat(dialer.misconfiguration())
        .hasValueSatisfying(why -> assertThat(why).contains("rappel.dialer.webhook.url"));
  }

  @Test
  void a_configured_dialer_has_nothing_to_report() {
    assertThat(dialer().misconfiguration()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 408, 429})
  void a_platform_that_is_down_or_overloaded_did_not_take_it_for_now(int status) {
    answer.set(status);

    assertThatThrownBy(() -> dialer().dial(request()))
        .isInstanceOfSatisfying(DialNotTaken.class, e -> assertThat(e.isRetryable()).isTrue());
    // one try per call: the outbox retries with backoff, not the dialer
    assertThat(received).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void a_platform_that_refuses_the_request_refused_it_for_good(int status) {
    answer.set(status);

    assertThatThrownBy(() -> dialer().dial(request()))
        .isInstanceOfSatisfying(DialNotTaken.class, e -> assertThat(e.isRetryable()).isFalse());
  }

  @Test
  void an_unreachable_platform_did_not_take_it_for_now_instead_of_hanging() {
    WebhookDialer dialer = dialer();
    platform.stop(0);

    assertThatThrownBy(() -> dialer.dial(request()))
        .isInstanceOfSatisfying(DialNotTaken.class, e -> assertThat(e.isRetryable()).isTrue());
  }
}
