package dev.rappel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.SharedServer;
import dev.rappel.testing.WebhookReceiver;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions over HTTP on the real server, with receivers on this machine (the IT server
 * allows private addresses, see the Failsafe options): the secret shown once, signed and filtered
 * events, the test event and the delivery log, a failing receiver that holds back no other and is
 * disabled after the hours (the test WAR's clock moves forward), deletion, and the addresses
 * refused even so.
 */
@SharedServer
class WebhookSubscriptionsIT {

  private static final int PORT = Integer.getInteger("webhook.test.port", 28931);

  /** The subscriber configured in the settings, so its stream does not fail beside ours. */
  static final WebhookReceiver CONFIGURED = WebhookReceiver.onConfiguredPort();

  static final WebhookReceiver FILTERED = WebhookReceiver.start(PORT + 1);

  static final WebhookReceiver HEALTHY = WebhookReceiver.start(PORT + 2);

  /** Answers 500 to everything. */
  static final AtomicInteger FAILING_HITS = new AtomicInteger();

  static {
    try {
      HttpServer failing = HttpServer.create(new InetSocketAddress("localhost", PORT + 3), 0);
      failing.createContext(
          "/hook",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            FAILING_HITS.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
          });
      failing.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SharedServer.Base URL base;

  Api api;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(base.toURI().resolve("/"));
  }

  private static String hook(int port) {
    return "http://localhost:" + port + "/hook";
  }

  private long queue() {
    Reply reply =
        api.post(
            "/api/v1/queues", "{\"name\":\"W-" + UUID.randomUUID() + "\",\"callbackSettings\":{}}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private long callbackDueNow(long queue) {
    Reply reply =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":" + queue + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"C\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private void awaitState(long callback, String state) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/callbacks/" + callback).json().getString("state"))
                    .isEqualTo(state));
  }

  private JsonObject subscribe(String body) {
    Reply reply = api.post("/api/v1/webhooks", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.header("Location")).isPresent();
    return reply.json();
  }

  private List<WebhookReceiver.Received> receivedOf(WebhookReceiver receiver, long callback) {
    return receiver.received().stream()
        .filter(r -> r.eventId() != null && r.eventId().startsWith("cb-" + callback + "-"))
        .toList();
  }

  private List<JsonObject> deliveries(long subscription) {
    Reply reply = api.get("/api/v1/webhooks/" + subscription + "/deliveries");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.structure().asJsonArray().getValuesAs(JsonObject.class);
  }

  @Test
  void a_subscription_shows_its_secret_once_and_gets_only_its_events_of_its_queues_signed() {
    long watched = queue();
    long other = queue();
    JsonObject created =
        subscribe(
            "{\"url\":\""
                + hook(PORT + 1)
                + "\",\"events\":[\"QUEUED\",\"CANCELED\"],\"queueIds\":["
                + watched
                + "]}");
    long id = created.getJsonNumber("id").longValue();
    String secret = created.getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(created.getJsonArray("events").toString()).isEqualTo("[\"CANCELED\",\"QUEUED\"]");
    assertThat(created.getJsonArray("queueIds").toString()).isEqualTo("[" + watched + "]");
    // never again
    Reply one = api.get("/api/v1/webhooks/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().containsKey("secret")).isFalse();
    assertThat(one.json().getBoolean("enabled")).isTrue();
    assertThat(one.body()).doesNotContain(secret);
    assertThat(api.get("/api/v1/webhooks").body()).doesNotContain(secret).contains(hook(PORT + 1));

    long mine = callbackDueNow(watched);
    long notMine = callbackDueNow(other);
    awaitState(mine, "QUEUED");
    awaitState(notMine, "QUEUED");
    assertThat(api.post("/api/v1/callbacks/" + mine + "/cancel", null).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/callbacks/" + notMine + "/cancel", null).status()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(receivedOf(FILTERED, mine))
                    .extracting(r -> r.header("X-Rappel-Event"))
                    .containsExactly("QUEUED", "CANCELED"));
    assertThat(receivedOf(FILTERED, mine))
        .allSatisfy(r -> assertThat(r.verifiesUnder(secret)).isTrue());
    // the configured subscriber still gets every step, the subscription nothing of another queue
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(receivedOf(CONFIGURED, notMine))
                    .extracting(r -> r.header("X-Rappel-Event"))
                    .contains("CANCELED"));
    assertThat(receivedOf(FILTERED, notMine)).isEmpty();
    assertThat(deliveries(id))
        .extracting(d -> d.getString("eventId"))
        .containsAll(receivedOf(FILTERED, mine).stream().map(r -> r.eventId()).toList());
  }

  @Test
  void a_test_event_is_sent_signed_answered_and_kept_in_the_delivery_log() {
    JsonObject created =
        subscribe("{\"url\":\"" + hook(PORT + 2) + "\",\"events\":[\"NONE_YET\"]}");
    long id = created.getJsonNumber("id").longValue();

    Reply test = api.post("/api/v1/webhooks/" + id + "/test", null);

    assertThat(test.status()).as(test.toString()).isEqualTo(200);
    JsonObject result = test.json();
    assertThat(result.getBoolean("delivered")).isTrue();
    assertThat(result.getInt("status")).isEqualTo(204);
    assertThat(result.getJsonNumber("latencyMillis").longValue()).isNotNegative();
    String eventId = result.getString("eventId");
    assertThat(eventId).startsWith("ping-");
    WebhookReceiver.Received ping =
        HEALTHY.received().stream()
            .filter(r -> eventId.equals(r.eventId()))
            .findFirst()
            .orElseThrow();
    assertThat(ping.header("X-Rappel-Event")).isEqualTo("ping");
    assertThat(ping.verifiesUnder(created.getString("secret"))).isTrue();
    List<JsonObject> log = deliveries(id);
    assertThat(log).hasSize(1);
    assertThat(log.get(0).getString("eventId")).isEqualTo(eventId);
    assertThat(log.get(0).getInt("status")).isEqualTo(204);
    assertThat(log.get(0).getString("at")).isNotBlank();
  }

  @Test
  void a_failing_subscriber_holds_back_no_other_and_is_disabled_after_the_hours_without_success() {
    long queue = queue();
    long failing =
        subscribe("{\"url\":\"" + hook(PORT + 3) + "\",\"queueIds\":[" + queue + "]}")
            .getJsonNumber("id")
            .longValue();
    subscribe("{\"url\":\"" + hook(PORT + 2) + "\",\"queueIds\":[" + queue + "]}");

    long callback = callbackDueNow(queue);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(receivedOf(HEALTHY, callback))
                    .extracting(r -> r.header("X-Rappel-Event"))
                    .contains("QUEUED"));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(deliveries(failing))
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getInt("status")).isEqualTo(500)));
    JsonObject state = api.get("/api/v1/webhooks/" + failing).json();
    assertThat(state.getBoolean("enabled")).isTrue();
    assertThat(state.getString("failingSince")).isNotBlank();
    assertThat(state.getString("lastFailure")).isEqualTo("HTTP 500");

    // 72 hours (the default) later, still failing: disabled, and the admin sees why
    assertThat(api.post("/api/v1/test/clock/advance?seconds=" + (72 * 3600 + 1), null).status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/webhooks/" + failing).json().getBoolean("enabled"))
                    .isFalse());
    JsonObject disabled = api.get("/api/v1/webhooks/" + failing).json();
    assertThat(disabled.getString("disabledReason"))
        .startsWith("failing since ")
        .contains("72 hours")
        .contains("HTTP 500");
    Instant disabledAt = Instant.parse(disabled.getString("disabledAt"));

    // nothing is sent to it while disabled
    int hits = FAILING_HITS.get();
    long later = callbackDueNow(queue);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(receivedOf(HEALTHY, later))
                    .extracting(r -> r.header("X-Rappel-Event"))
                    .contains("QUEUED"));
    assertThat(FAILING_HITS.get()).isEqualTo(hits);

    Reply enabled = api.post("/api/v1/webhooks/" + failing + "/enable", null);
    assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
    assertThat(enabled.json().getBoolean("enabled")).isTrue();
    assertThat(enabled.json().isNull("disabledReason")).isTrue();
    assertThat(disabledAt).isNotNull();
  }

  @Test
  void a_deleted_subscription_is_gone_with_its_log() {
    long id = subscribe("{\"url\":\"" + hook(PORT + 2) + "\"}").getJsonNumber("id").longValue();
    assertThat(api.post("/api/v1/webhooks/" + id + "/test", null).status()).isEqualTo(200);

    assertThat(api.send("DELETE", "/api/v1/webhooks/" + id, null, null).status()).isEqualTo(204);

    assertThat(api.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/api/v1/webhooks/" + id, null, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks").body()).doesNotContain("\"id\":" + id + ",");
  }

  @Test
  void
      unspecified_multicast_metadata_and_non_http_urls_are_refused_even_where_private_ones_are_allowed() {
    for (String url :
        List.of(
            "http://[::]/hook",
            "http://0.0.0.0:8080/hook",
            "http://224.0.0.1/hook",
            "http://169.254.169.254/latest/meta-data",
            "ftp://localhost/hook",
            "file:///etc/passwd",
            "http://user:pw@localhost/hook",
            "http://no-such-host.invalid/hook")) {
      Reply reply = api.post("/api/v1/webhooks", "{\"url\":\"" + url + "\"}");
      assertThat(reply.status()).as(url + " " + reply).isEqualTo(422);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
          .as(url)
          .isEqualTo("url");
    }
    Reply filters =
        api.post(
            "/api/v1/webhooks",
            "{\"url\":\""
                + hook(PORT + 2)
                + "\",\"events\":[\"queued\"],\"queueIds\":[987654321]}");
    assertThat(filters.status()).as(filters.toString()).isEqualTo(422);
    assertThat(filters.body()).contains("\"events\"").contains("\"queueIds\"");
    assertThat(api.post("/api/v1/webhooks", "{}").status()).isEqualTo(422);
  }
}
