package dev.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.SharedServer;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customer care on the real server: a customer who gets through another way (an interaction from
 * the number of a waiting callback) under each queue policy, a callback being dialled left alone,
 * and the owner's alert before its ownership ends, at its instant and once, then extended and
 * released. The server's clock is the test's, moved forward by hand; time still flows.
 */
@SharedServer
class InboundContactIT {
  /** Each test its own numbers: matching is by number. */
  static final AtomicInteger NUMBERS = new AtomicInteger(10);

  @SharedServer.Base URL base;

  Api api;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(base.toURI().resolve("/"));
  }

  private Instant advance(long seconds) {
    Reply reply = api.post("/api/v1/test/clock/advance?seconds=" + seconds, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Instant.parse(reply.body());
  }

  /** A number, and the same number as a person would type it (matched after normalising). */
  private static String[] number() {
    String digits = String.format("%02d", NUMBERS.getAndIncrement());
    return new String[] {"+331427853" + digits, "+33 1 42 78 53 " + digits};
  }

  private long queue(String settings) {
    Reply reply =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"Care-" + UUID.randomUUID() + "\",\"callbackSettings\":" + settings + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private long agent(String status) {
    return api.post("/api/v1/agents", "{\"name\":\"Care\",\"status\":\"" + status + "\"}").id();
  }

  private long callback(long queue, String number, Instant at) {
    Reply reply =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\""
                + number
                + "\",\"customerName\":\"C\",\"timeZone\":\"America/New_York\",\"scheduledAt\":\""
                + at
                + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private Reply callIn(long queue, String ani, long agent) {
    Reply reply =
        api.post(
            "/api/v1/interactions",
            "{\"mediaType\":\"CALL\",\"queueId\":"
                + queue
                + ",\"ani\":\""
                + ani
                + "\",\"agentId\":"
                + agent
                + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply;
  }

  private JsonObject read(long id) {
    return api.get("/api/v1/callbacks/" + id).json();
  }

  private static List<String> events(JsonObject callback) {
    return callback.getJsonArray("history").getValuesAs(JsonObject.class).stream()
        .map(h -> h.getString("event"))
        .toList();
  }

  private static JsonObject entry(JsonObject callback, String event) {
    return callback.getJsonArray("history").getValuesAs(JsonObject.class).stream()
        .filter(h -> h.getString("event").equals(event))
        .findFirst()
        .orElseThrow(() -> new AssertionError(event + " not in " + events(callback)));
  }

  private static List<JsonObject> waiting(Reply interaction) {
    return interaction.json().getJsonArray("waitingCallbacks").getValuesAs(JsonObject.class);
  }

  @Test
  void queues_notify_and_alert_an_hour_ahead_unless_told_otherwise_and_refuse_bad_values() {
    JsonObject settings =
        api.get("/api/v1/queues/" + queue("{}")).json().getJsonObject("callbackSettings");
    assertThat(settings.getString("onInboundContact")).isEqualTo("NOTIFY");
    assertThat(settings.getInt("ownershipAlertMinutes")).isEqualTo(60);

    Reply tooEarly =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"Care-bad\",\"callbackSettings\":{\"ownershipAlertMinutes\":1441}}");
    assertThat(tooEarly.status()).isEqualTo(422);
    assertThat(tooEarly.body()).contains("callbackSettings.ownershipAlertMinutes");
    Reply unknown =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"Care-bad\",\"callbackSettings\":{\"onInboundContact\":\"MAYBE\"}}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("callbackSettings.onInboundContact");
  }

  @Test
  void cancel_policy_cancels_the_waiting_callback_naming_the_interaction() {
    long queue = queue("{\"onInboundContact\":\"CANCEL\"}");
    long agent = agent("OFF_QUEUE");
    String[] number = number();
    long id = callback(queue, number[0], advance(0).plus(Duration.ofHours(2)));

    Reply call = callIn(queue, number[1], agent);

    assertThat(waiting(call))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getJsonNumber("callbackId").longValue()).isEqualTo(id);
              assertThat(w.getString("action")).isEqualTo("CANCELED");
              assertThat(w.getString("timeZone")).isEqualTo("America/New_York");
            });
    JsonObject canceled = read(id);
    assertThat(canceled.getString("state")).isEqualTo("CANCELED");
    assertThat(events(canceled)).endsWith("CUSTOMER_CALLED_IN", "CANCELED");
    assertThat(entry(canceled, "CUSTOMER_CALLED_IN").getString("detail"))
        .contains("interaction " + call.id());
  }

  @Test
  void notify_policy_tells_the_agent_who_cancels_or_keeps_with_one_call() {
    long queue = queue("{\"onInboundContact\":\"NOTIFY\"}");
    long agent = agent("OFF_QUEUE");
    String[] first = number();
    String[] second = number();
    Instant later = advance(0).plus(Duration.ofHours(3));
    long toCancel = callback(queue, first[0], later);
    long toKeep = callback(queue, second[0], later);

    Reply call = callIn(queue, first[1], agent);
    assertThat(waiting(call))
        .singleElement()
        .satisfies(w -> assertThat(w.getString("action")).isEqualTo("NOTIFIED"));
    assertThat(read(toCancel).getString("state")).isEqualTo("SCHEDULED");
    Reply notices = api.get("/api/v1/interactions/" + call.id() + "/waiting-callbacks");
    assertThat(notices.status()).isEqualTo(200);
    assertThat(notices.structure().asJsonArray().getJsonObject(0).getString("decision"))
        .isEqualTo("OPEN");

    Reply canceled =
        api.post(
            "/api/v1/interactions/" + call.id() + "/waiting-callbacks/" + toCancel + "/cancel",
            null);
    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
    assertThat(canceled.json().getString("decision")).isEqualTo("CANCELED");
    JsonObject ended = read(toCancel);
    assertThat(ended.getString("state")).isEqualTo("CANCELED");
    assertThat(entry(ended, "CUSTOMER_CALLED_IN").getString("actor")).isEqualTo("admin");
    assertThat(
            api.post(
                    "/api/v1/interactions/"
                        + call.id()
                        + "/waiting-callbacks/"
                        + toCancel
                        + "/keep",
                    null)
                .status())
        .isEqualTo(409);

    Reply secondCall = callIn(queue, second[1], agent);
    Reply kept =
        api.post(
            "/api/v1/interactions/" + secondCall.id() + "/waiting-callbacks/" + toKeep + "/keep",
            null);
    assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
    assertThat(kept.json().getString("decision")).isEqualTo("KEPT");
    assertThat(read(toKeep).getString("state")).isEqualTo("SCHEDULED");
    assertThat(events(read(toKeep))).doesNotContain("CUSTOMER_CALLED_IN");
  }

  @Test
  void keep_policy_does_nothing() {
    long queue = queue("{\"onInboundContact\":\"KEEP\"}");
    String[] number = number();
    long id = callback(queue, number[0], advance(0).plus(Duration.ofHours(2)));

    Reply call = callIn(queue, number[1], agent("OFF_QUEUE"));

    assertThat(waiting(call)).isEmpty();
    assertThat(events(read(id))).containsExactly("SCHEDULED");
  }

  @Test
  void a_callback_on_another_queue_or_already_offered_is_never_touched() {
    long queue = queue("{\"onInboundContact\":\"CANCEL\"}");
    long other = queue("{\"onInboundContact\":\"CANCEL\"}");
    long member = agent("AVAILABLE");
    api.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + member + "]}");
    String[] number = number();
    long offered = callback(queue, number[0], advance(0).plusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(read(offered).getString("state")).isEqualTo("OFFERED"));
    long elsewhere = callback(other, number[0], advance(0).plus(Duration.ofHours(2)));

    Reply call = callIn(queue, number[1], agent("OFF_QUEUE"));

    assertThat(waiting(call)).isEmpty();
    assertThat(read(offered).getString("state")).isEqualTo("OFFERED");
    assertThat(read(elsewhere).getString("state")).isEqualTo("SCHEDULED");
  }

  @Test
  void the_owner_is_alerted_at_the_alert_instant_once_then_extends_and_releases() {
    long queue =
        queue(
            "{\"ownedCallbacks\":{\"enabled\":true,\"maxScheduleAheadHours\":48,"
                + "\"ownershipHours\":2,\"assignToQueueOnExpiry\":true},"
                + "\"ownershipAlertMinutes\":30}");
    long owner = agent("OFF_QUEUE"); // never takes it, so the ownership runs its course
    long id = callback(queue, number()[0], advance(0).plusSeconds(60));
    Reply owned = api.patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + owner + "}");
    assertThat(owned.status()).as(owned.toString()).isEqualTo(200);
    Instant ends = Instant.parse(owned.json().getString("ownershipExpiresAt"));
    Instant alertAt = ends.minus(Duration.ofMinutes(30));

    // to two seconds before the alert: not yet
    Instant now = advance(0);
    advance(Duration.between(now, alertAt).toSeconds() - 2);
    assertThat(events(read(id))).doesNotContain("OWNERSHIP_EXPIRING");

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(events(read(id))).contains("OWNERSHIP_EXPIRING"));
    JsonObject alerted = read(id);
    Instant at = Instant.parse(entry(alerted, "OWNERSHIP_EXPIRING").getString("at"));
    // at its instant, not at the next whole-second tick: the engine arms a wake-up for it
    assertThat(at).isAfterOrEqualTo(alertAt).isBefore(alertAt.plusMillis(500));
    assertThat(entry(alerted, "OWNERSHIP_EXPIRING").getString("actor")).isEqualTo("system");
    assertThat(alerted.getJsonNumber("ownerAgentId").longValue()).isEqualTo(owner);

    advance(10 * 60); // well inside the window: still one alert
    await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
    assertThat(events(read(id)).stream().filter("OWNERSHIP_EXPIRING"::equals)).hasSize(1);

    Reply extended = api.post("/api/v1/callbacks/" + id + "/ownership/extend", null);
    assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
    Instant newEnd = Instant.parse(extended.json().getString("ownershipExpiresAt"));
    assertThat(newEnd).isAfter(ends);
    assertThat(events(extended.json())).endsWith("OWNERSHIP_EXTENDED");

    Reply released = api.post("/api/v1/callbacks/" + id + "/ownership/release", null);
    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    assertThat(released.json().isNull("ownerAgentId")).isTrue();
    assertThat(events(released.json())).endsWith("OWNERSHIP_RELEASED");
    assertThat(api.post("/api/v1/callbacks/" + id + "/ownership/extend", null).status())
        .isEqualTo(409);
  }
}
