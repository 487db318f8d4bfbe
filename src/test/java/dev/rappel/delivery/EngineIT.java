package dev.rappel.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.SharedServer;
import dev.rappel.testing.StandardWebhooks;
import dev.rappel.testing.WebhookReceiver;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on the real server: due-time delivery, routing, ownership expiry, customer-first
 * retries with the simulated dialer (NO_ANSWER then ANSWERED, see the Failsafe options), racing
 * dispatchers and the SSE stream. The test WAR adds a clock the tests move forward, so hour-long
 * periods pass in an instant; time still flows, so tests read the server's "now" first.
 */
@SharedServer
class EngineIT {
  /** The configured subscriber: started before the shared server, so no event waits on backoff. */
  /** Receives the server's webhooks; started before the server so no event waits on backoff. */
  static final WebhookReceiver RECEIVER = WebhookReceiver.onConfiguredPort();

  @SharedServer.Base URL base;

  Api api;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(base.toURI().resolve("/"));
  }

  private Instant serverNow() {
    return advance(0);
  }

  private Instant advance(long seconds) {
    Reply reply = api.post("/api/v1/test/clock/advance?seconds=" + seconds, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Instant.parse(reply.body());
  }

  private long queue(String settings) {
    return api.post(
            "/api/v1/queues",
            "{\"name\":\"E-" + UUID.randomUUID() + "\",\"callbackSettings\":" + settings + "}")
        .id();
  }

  private long availableMember(long queue) {
    long agent = api.post("/api/v1/agents", "{\"name\":\"A\",\"status\":\"AVAILABLE\"}").id();
    addMember(queue, agent);
    return agent;
  }

  private void addMember(long queue, long agent) {
    JsonObject current = api.get("/api/v1/queues/" + queue).json();
    List<String> ids = new ArrayList<>();
    current.getJsonArray("memberIds").forEach(v -> ids.add(v.toString()));
    ids.add(String.valueOf(agent));
    assertThat(
            api.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":" + ids + "}").status())
        .isEqualTo(200);
  }

  private long callbackAt(long queue, Instant at, String extra) {
    Reply reply =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"C\",\"scheduledAt\":\""
                + at
                + "\""
                + extra
                + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  @Test
  void races_lost_to_concurrent_requests_are_refused_as_conflicts_without_a_stack_trace_in_the_log()
      throws Exception {
    api.captureLog();
    long queue = queue("{}");
    long id = callbackAt(queue, serverNow().plus(Duration.ofDays(2)), "");
    // changes of one callback at the same instant: each is applied or refused as a conflict
    int refused = 0;
    for (int round = 0; round < 5 && refused == 0; round++) {
      String body = "{\"scheduledAt\":\"" + serverNow().plus(Duration.ofDays(3 + round)) + "\"}";
      for (Reply reply : Api.atOnce(20, () -> api.patch("/api/v1/callbacks/" + id, body))) {
        assertThat(reply.status()).as(reply.toString()).isIn(200, 409);
        refused += reply.status() == 409 ? 1 : 0;
      }
    }
    assertThat(refused).as("changes refused as concurrent").isPositive();
    // retries of one create at the same instant, with one Idempotency-Key
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    String create =
        "{\"queueId\":" + queue + ",\"phoneNumber\":\"+33142685301\",\"customerName\":\"R\"}";
    for (Reply reply :
        Api.atOnce(
            16, () -> api.send("POST", "/api/v1/callbacks", create, "application/json", key))) {
      assertThat(reply.status()).as(reply.toString()).isIn(201, 409);
    }

    // a race lost is an answer, not a failure of the server: nothing logs its stack trace
    assertThat(api.logged("OptimisticLockException")).as("a version race in the log").isFalse();
    assertThat(api.logged("boundary.Callbacks.change(")).as("a change logged as failed").isFalse();
    assertThat(api.logged("INSERT INTO idempotency_key")).as("a key claim in the log").isFalse();
    assertThat(api.logged("IdempotencyKeys.claim(")).as("a key claim logged as failed").isFalse();
  }

  @Test
  void an_idempotency_key_is_remembered_for_24_hours_then_free_again() {
    long queue = queue("{}");
    String key = UUID.randomUUID().toString();
    String body = "{\"mediaType\":\"CALL\",\"queueId\":" + queue + "}";
    Map<String, String> header = Map.of("Idempotency-Key", key);
    Reply first = api.send("POST", "/api/v1/interactions", body, "application/json", header);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);

    advance(Duration.ofHours(23).toSeconds());
    Reply replayed = api.send("POST", "/api/v1/interactions", body, "application/json", header);
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.id()).isEqualTo(first.id());

    advance(Duration.ofHours(1).plusMinutes(1).toSeconds());
    Reply fresh = api.send("POST", "/api/v1/interactions", body, "application/json", header);
    assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
    assertThat(fresh.id()).isNotEqualTo(first.id());
  }

  private JsonObject callback(long id) {
    return api.get("/api/v1/callbacks/" + id).json();
  }

  private String state(long id) {
    return callback(id).getString("state");
  }

  private static List<JsonObject> history(JsonObject callback) {
    return callback.getJsonArray("history").getValuesAs(JsonObject.class);
  }

  private static List<String> events(JsonObject callback) {
    return history(callback).stream().map(h -> h.getString("event")).toList();
  }

  private static Instant eventAt(JsonObject callback, String event) {
    return history(callback).stream()
        .filter(h -> h.getString("event").equals(event))
        .map(h -> Instant.parse(h.getString("at")))
        .findFirst()
        .orElseThrow();
  }

  private void awaitState(long id, String state) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(state(id)).isEqualTo(state));
  }

  /** A callback of {@code number} from an integration, with a name, notes-free data, due now. */
  private long personalCallback(long queue, String number, Map<String, String> headers) {
    Reply reply =
        api.send(
            "POST",
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\""
                + number
                + "\",\"customerName\":\"Camille Martin\",\"callerIdName\":\"Camille\","
                + "\"data\":{\"ticket\":\"T-42\"},\"scheduledAt\":\""
                + serverNow().plusSeconds(2)
                + "\"}",
            "application/json",
            headers);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private void assertErased(JsonObject callback, String number) {
    assertThat(callback.getString("phoneNumber")).isEqualTo("erased");
    assertThat(callback.getString("customerName")).isEqualTo("erased");
    assertThat(callback.getString("callerIdName")).isEqualTo("erased");
    assertThat(callback.getJsonObject("data")).isEmpty();
    assertThat(callback.isNull("erasedAt")).isFalse();
    assertThat(callback.toString()).doesNotContain(number);
    List<JsonObject> history = callback.getJsonArray("history").getValuesAs(JsonObject.class);
    assertThat(history.get(history.size() - 1).getString("event"))
        .isEqualTo("PERSONAL_DATA_ERASED");
  }

  @Test
  void personal_data_of_a_callback_ended_longer_ago_than_the_retention_is_erased_history_kept() {
    String number = "+33142685711";
    long queue = queue("{}");
    long agent = availableMember(queue);
    long id = personalCallback(queue, number, Map.of());
    awaitState(id, "OFFERED");
    api.post("/api/v1/callbacks/" + id + "/accept", "{\"agentId\":" + agent + "}");
    api.post("/api/v1/callbacks/" + id + "/attempts/1/outcome", "{\"outcome\":\"ANSWERED\"}");
    assertThat(
            api.post("/api/v1/callbacks/" + id + "/complete", "{\"agentId\":" + agent + "}")
                .status())
        .isEqualTo(200);
    long followUp = api.post("/api/v1/callbacks/" + id + "/follow-up", "{}").id();
    long followUpInteraction = callback(followUp).getJsonNumber("interactionId").longValue();
    api.post("/api/v1/callbacks/" + followUp + "/cancel", null);
    JsonObject before = callback(id);
    int steps = before.getJsonArray("history").size();
    assertThat(before.toString()).contains("attempt 1 to " + number);

    // 365 days (the default) minus a minute after it ended: kept
    advance(Duration.ofDays(365).minusMinutes(1).toSeconds());
    api.post("/api/v1/test/retention/run", null);
    assertThat(callback(id).getString("phoneNumber")).isEqualTo(number);

    advance(Duration.ofMinutes(2).toSeconds());
    Reply run = api.post("/api/v1/test/retention/run", null);
    assertThat(run.status()).as(run.toString()).isEqualTo(200);
    assertThat(Integer.parseInt(run.body())).isGreaterThanOrEqualTo(2);

    JsonObject after = callback(id);
    assertErased(after, number);
    assertThat(after.getString("state")).isEqualTo("COMPLETED");
    assertThat(after.getJsonArray("history")).hasSize(steps + 1);
    assertThat(after.toString()).contains("attempt 1 to erased");
    assertThat(after.getJsonArray("attempts")).hasSize(1);
    assertThat(api.get("/api/v1/interactions/" + followUpInteraction).json().isNull("ani"))
        .as("the follow-up call's number")
        .isTrue();
  }

  @Test
  void erasing_a_number_on_request_erases_it_everywhere_now_and_answers_the_counts() {
    String number = "+33142685722";
    long queue = queue("{}");
    Reply interaction =
        api.send(
            "POST",
            "/api/v1/interactions",
            "{\"mediaType\":\"CALL\",\"queueId\":" + queue + ",\"ani\":\"" + number + "\"}",
            "application/json",
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(interaction.status()).as(interaction.toString()).isEqualTo(201);
    long waiting = personalCallback(queue, number, Map.of());
    long other = personalCallback(queue, "+33142685733", Map.of());

    assertThat(api.post("/api/v1/privacy/erase", "{\"phoneNumber\":\"not a number\"}").status())
        .isEqualTo(422);
    Reply erased = api.post("/api/v1/privacy/erase", "{\"phoneNumber\":\"+33 1 42 68 57 22\"}");

    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    JsonObject counts = erased.json();
    assertThat(counts.getInt("callbacks")).isEqualTo(1);
    assertThat(counts.getInt("interactions")).isEqualTo(1);
    assertThat(counts.getInt("idempotencyKeys")).isEqualTo(1);
    assertThat(counts.getInt("webhookEvents")).isGreaterThanOrEqualTo(1);
    JsonObject callback = callback(waiting);
    assertErased(callback, number);
    assertThat(callback.getString("state")).as("no longer dialable").isEqualTo("CANCELED");
    assertThat(api.get("/api/v1/interactions/" + interaction.id()).json().isNull("ani")).isTrue();
    assertThat(callback(other).getString("phoneNumber")).isEqualTo("+33142685733");
    String audit = api.get("/api/v1/audit?limit=20").body();
    assertThat(audit).contains("PERSONAL_DATA_ERASED").doesNotContain(number);
  }

  @Test
  void callback_due_in_seconds_is_offered_to_a_free_member_and_never_before() {
    long queue = queue("{}");
    long agent = availableMember(queue);
    Instant due = serverNow().plusSeconds(3);
    long id = callbackAt(queue, due, "");
    assertThat(state(id)).isEqualTo("SCHEDULED");

    awaitState(id, "OFFERED");
    JsonObject callback = callback(id);
    assertThat(callback.getJsonNumber("assignedAgentId").longValue()).isEqualTo(agent);
    assertThat(events(callback)).containsExactly("SCHEDULED", "QUEUED", "OFFERED");
    assertThat(eventAt(callback, "QUEUED")).isAfterOrEqualTo(due);
    assertThat(api.get("/api/v1/agents/" + agent + "/offers").body()).contains("\"id\":" + id);
  }

  @Test
  void agent_first_accept_dials_and_the_agent_wraps_up() {
    long queue = queue("{}");
    long agent = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "OFFERED");
    Reply wrongAgent = api.post("/api/v1/callbacks/" + id + "/accept", "{\"agentId\":999999}");
    assertThat(wrongAgent.status()).isEqualTo(422);
    Reply accepted = api.post("/api/v1/callbacks/" + id + "/accept", "{\"agentId\":" + agent + "}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.json().getString("state")).isEqualTo("DIALING");
    // the simulated dialer answers NO_ANSWER on a first attempt: agent first is not retried
    awaitState(id, "FAILED");
    assertThat(callback(id).getJsonArray("attempts").getJsonObject(0).getString("outcome"))
        .isEqualTo("NO_ANSWER");
  }

  @Test
  void the_agent_who_called_a_callback_finds_it_under_its_name_after_the_call() {
    long queue = queue("{}");
    long agent = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "OFFERED");
    api.post("/api/v1/callbacks/" + id + "/accept", "{\"agentId\":" + agent + "}");
    // the simulated dialer answers NO_ANSWER on a first attempt: the call ends, the agent stays
    awaitState(id, "FAILED");

    JsonObject list = api.get("/api/v1/callbacks?agentId=" + agent + "&state=FAILED").json();
    assertThat(list.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(item -> item.getJsonNumber("id").longValue())
        .containsExactly(id);
  }

  @Test
  void outcome_reported_by_the_telephony_side_connects_and_completes() {
    long queue = queue("{}");
    long agent = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "OFFERED");
    api.post("/api/v1/callbacks/" + id + "/accept", "{\"agentId\":" + agent + "}");
    Reply answered =
        api.post("/api/v1/callbacks/" + id + "/attempts/1/outcome", "{\"outcome\":\"ANSWERED\"}");
    assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    assertThat(answered.json().getString("state")).isEqualTo("CONNECTED");
    assertThat(
            api.post("/api/v1/callbacks/" + id + "/attempts/1/outcome", "{\"outcome\":\"LOUD\"}")
                .status())
        .isEqualTo(400);
    Reply done = api.post("/api/v1/callbacks/" + id + "/complete", "{\"agentId\":" + agent + "}");
    assertThat(done.json().getString("state")).isEqualTo("COMPLETED");
    assertThat(api.post("/api/v1/callbacks/" + id + "/cancel", null).status()).isEqualTo(409);

    // after the call the agent schedules a follow-up, once, from the callback's own call
    Reply followUp =
        api.post("/api/v1/callbacks/" + id + "/follow-up", "{\"notes\":\"send the quote\"}");
    assertThat(followUp.status()).as(followUp.toString()).isEqualTo(201);
    JsonObject next = followUp.json();
    assertThat(next.getString("state")).isEqualTo("SCHEDULED");
    assertThat(next.getString("phoneNumber")).isEqualTo("+33142685300");
    assertThat(next.getJsonNumber("scheduledByAgentId").longValue()).isEqualTo(agent);
    assertThat(next.getString("notes")).isEqualTo("send the quote");
    JsonObject interaction =
        api.get("/api/v1/interactions/" + next.getJsonNumber("interactionId")).json();
    assertThat(interaction.getString("mediaType")).isEqualTo("CALLBACK");
    assertThat(api.post("/api/v1/callbacks/" + id + "/follow-up", "{}").status()).isEqualTo(409);
    assertThat(api.post("/api/v1/callbacks/" + next.getInt("id") + "/follow-up", "{}").status())
        .isEqualTo(409); // no call took place yet
  }

  @Test
  void declined_offer_goes_to_the_next_free_agent() {
    long queue = queue("{}");
    long first = availableMember(queue);
    long second = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "OFFERED");
    long offeredTo = callback(id).getJsonNumber("assignedAgentId").longValue();
    long other = offeredTo == first ? second : first;
    assertThat(
            api.post("/api/v1/callbacks/" + id + "/decline", "{\"agentId\":" + offeredTo + "}")
                .status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject c = callback(id);
              assertThat(c.getString("state")).isEqualTo("OFFERED");
              assertThat(c.get("assignedAgentId")).hasToString("" + other);
            });
  }

  @Test
  void route_to_me_falls_back_to_the_queue_when_that_agent_is_not_available() {
    long queue = queue("{}");
    long member = availableMember(queue);
    long away = api.post("/api/v1/agents", "{\"name\":\"Away\"}").id(); // OFF_QUEUE
    long id = callbackAt(queue, serverNow().plusSeconds(2), ",\"preferredAgentId\":" + away);
    awaitState(id, "OFFERED");
    assertThat(callback(id).getJsonNumber("assignedAgentId").longValue()).isEqualTo(member);
  }

  @Test
  void preferred_agent_gets_the_callback_when_available() {
    long queue = queue("{}");
    availableMember(queue);
    long preferred = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), ",\"preferredAgentId\":" + preferred);
    awaitState(id, "OFFERED");
    assertThat(callback(id).getJsonNumber("assignedAgentId").longValue()).isEqualTo(preferred);
  }

  @Test
  void offered_agent_going_off_queue_gives_the_callback_to_another_agent() {
    long queue = queue("{}");
    long first = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "OFFERED");
    long second = availableMember(queue);
    api.put("/api/v1/agents/" + first + "/status", "{\"status\":\"OFF_QUEUE\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(callback(id).get("assignedAgentId")).hasToString("" + second));
    assertThat(events(callback(id))).contains("OFFER_WITHDRAWN");
  }

  @Test
  void an_offer_nobody_answers_goes_to_the_next_member_after_the_offer_timeout() {
    long queue = queue("{\"offerTimeoutSeconds\":10}");
    long silent = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "OFFERED");
    Instant dueAt = Instant.parse(callback(id).getString("dueAt"));
    long next = availableMember(queue);

    advance(10);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject c = callback(id);
              assertThat(c.getString("state")).isEqualTo("OFFERED");
              assertThat(c.get("assignedAgentId")).hasToString("" + next);
            });
    JsonObject moved = callback(id);
    assertThat(events(moved)).containsSubsequence("OFFERED", "OFFER_TIMED_OUT", "OFFERED");
    assertThat(eventAt(moved, "OFFER_TIMED_OUT"))
        .isAfterOrEqualTo(eventAt(moved, "OFFERED").plusSeconds(10));
    JsonObject timedOut =
        history(moved).stream()
            .filter(h -> h.getString("event").equals("OFFER_TIMED_OUT"))
            .findFirst()
            .orElseThrow();
    assertThat(timedOut.getString("actor")).isEqualTo("system");
    assertThat(Instant.parse(moved.getString("dueAt"))).isEqualTo(dueAt); // keeps its place
    JsonObject agent = api.get("/api/v1/agents/" + silent).json();
    assertThat(agent.getString("status")).isEqualTo("OFF_QUEUE");
    assertThat(agent.getString("statusReason")).isEqualTo("not responding");
  }

  /** Customer first answers on the second attempt (see the Failsafe options): connected. */
  private long connectedCallback(String settings) {
    long queue = queue(settings);
    availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "RETRY_WAIT");
    advance(30);
    awaitState(id, "CONNECTED");
    return id;
  }

  @Test
  void a_supervisor_completes_a_connected_callback_in_its_agents_stead() {
    long id =
        connectedCallback(
            "{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":1,\"retryDelaySeconds\":30}");
    String name = "sup-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "supervisor password 123";
    assertThat(
            api.post(
                    "/api/v1/users",
                    "{\"username\":\""
                        + name
                        + "\",\"password\":\""
                        + password
                        + "\",\"roles\":[\"SUPERVISOR\"]}")
                .status())
        .isEqualTo(201);
    Api supervisor = api.as(name, password);

    // a supervisor is nobody's agent: naming one is refused
    assertThat(supervisor.post("/api/v1/callbacks/" + id + "/complete", "{\"agentId\":1}").status())
        .isEqualTo(403);
    Reply done = supervisor.post("/api/v1/callbacks/" + id + "/complete", "{}");
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().getString("state")).isEqualTo("COMPLETED");
    assertThat(done.json().isNull("assignedAgentId")).isTrue();
    JsonObject completed = history(done.json()).get(history(done.json()).size() - 1);
    assertThat(completed.getString("event")).isEqualTo("COMPLETED");
    assertThat(completed.getString("actor")).isEqualTo(name);
    assertThat(completed.getString("detail")).isEqualTo("completed by a supervisor");
    assertThat(supervisor.post("/api/v1/callbacks/" + id + "/complete", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void a_call_longer_than_the_queue_allows_is_completed_by_the_system() {
    long id =
        connectedCallback(
            "{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":1,\"retryDelaySeconds\":30,"
                + "\"maxCallMinutes\":5}");
    advance(5 * 60);
    awaitState(id, "COMPLETED");
    JsonObject ended = callback(id);
    assertThat(events(ended)).endsWith("CALL_TIMED_OUT");
    assertThat(ended.isNull("assignedAgentId")).isTrue();
    assertThat(eventAt(ended, "CALL_TIMED_OUT"))
        .isAfterOrEqualTo(eventAt(ended, "CONNECTED").plusSeconds(5 * 60));
  }

  @Test
  void owned_callback_expires_to_the_queue_or_ends_expired_by_policy() {
    String owned =
        "{\"ownedCallbacks\":{\"enabled\":true,\"maxScheduleAheadHours\":48,"
            + "\"ownershipHours\":2,\"assignToQueueOnExpiry\":%s}}";
    long toQueue = queue(String.format(owned, "true"));
    long toExpiry = queue(String.format(owned, "false"));
    long owner = api.post("/api/v1/agents", "{\"name\":\"Owner\"}").id(); // never available
    long member = availableMember(toQueue);

    Instant at = serverNow().plusSeconds(60);
    long a = callbackAt(toQueue, at, "");
    long b = callbackAt(toExpiry, at, "");
    for (long id : List.of(a, b)) {
      assertThat(api.patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + owner + "}").status())
          .isEqualTo(200);
    }
    advance(60 + 30);
    awaitState(a, "QUEUED"); // due, but only its owner may take it
    advance(2 * 3600);
    awaitState(b, "EXPIRED");
    awaitState(a, "OFFERED");
    JsonObject moved = callback(a);
    assertThat(moved.getJsonNumber("assignedAgentId").longValue()).isEqualTo(member);
    assertThat(moved.isNull("ownerAgentId")).isTrue();
    assertThat(events(moved)).contains("OWNERSHIP_EXPIRED");
  }

  @Test
  void customer_first_retries_after_the_delay_then_connects() {
    long queue =
        queue("{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":2,\"retryDelaySeconds\":600}");
    long agent = availableMember(queue);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "RETRY_WAIT"); // first attempt: NO_ANSWER
    JsonObject waiting = callback(id);
    assertThat(waiting.isNull("assignedAgentId")).isTrue();
    Instant retryAt = Instant.parse(waiting.getString("dueAt"));
    Instant firstEnded =
        Instant.parse(waiting.getJsonArray("attempts").getJsonObject(0).getString("endedAt"));
    assertThat(retryAt).isEqualTo(firstEnded.plusSeconds(600));

    advance(600);
    awaitState(id, "CONNECTED"); // second attempt: ANSWERED
    JsonObject connected = callback(id);
    assertThat(connected.getJsonNumber("assignedAgentId").longValue()).isEqualTo(agent);
    assertThat(events(connected))
        .containsSubsequence(
            "SCHEDULED",
            "QUEUED",
            "RESERVED",
            "DIALING",
            "RETRY_WAIT",
            "QUEUED",
            "RESERVED",
            "DIALING",
            "CONNECTED");
    assertThat(eventAt(connected, "CONNECTED")).isAfterOrEqualTo(retryAt);
  }

  @Test
  void reserved_agent_going_off_queue_releases_the_reservation_and_another_agent_is_reserved() {
    long queue = queue("{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":0}");
    long first = api.post("/api/v1/agents", "{\"name\":\"Leaving\"}").id(); // off queue
    long second = api.post("/api/v1/agents", "{\"name\":\"Staying\"}").id(); // off queue
    addMember(queue, first);
    addMember(queue, second);
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "QUEUED"); // due, nobody available

    Reply routed = api.post("/api/v1/test/engine/reserve-then-off-queue?agentId=" + first, null);
    assertThat(Integer.parseInt(routed.body()))
        .isPositive(); // ours, and maybe other tests' callbacks
    JsonObject released = callback(id);
    assertThat(released.getString("state")).isEqualTo("QUEUED");
    assertThat(released.isNull("assignedAgentId")).isTrue();
    assertThat(events(released)).endsWith("RESERVED", "RESERVATION_RELEASED");
    assertThat(released.getJsonArray("attempts")).isEmpty(); // never dialled for the leaving agent

    api.put("/api/v1/agents/" + second + "/status", "{\"status\":\"AVAILABLE\"}");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonObject c = callback(id);
              assertThat(c.getJsonArray("attempts")).isNotEmpty();
              assertThat(
                      c.getJsonArray("attempts")
                          .getJsonObject(0)
                          .getJsonNumber("agentId")
                          .longValue())
                  .isEqualTo(second);
            });
  }

  @Test
  void a_rehearsed_delivery_changes_nothing_and_the_burst_is_then_delivered_once_each() {
    long queue = queue("{}"); // no members: callbacks stay QUEUED once delivered
    Instant at = serverNow().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(callbackAt(queue, at, ""));
    }
    Map<Long, List<String>> before = new HashMap<>();
    ids.forEach(id -> before.put(id, events(callback(id))));

    assertThat(api.post("/api/v1/test/engine/rehearse?by=" + at + "&size=41", null).body())
        .as("fewer than the burst size: nothing to rehearse")
        .isEqualTo("none");
    String rehearsed = api.post("/api/v1/test/engine/rehearse?by=" + at + "&size=40", null).body();
    assertThat(rehearsed).startsWith(at + " ");
    assertThat(Integer.parseInt(rehearsed.split(" ")[1])).isGreaterThanOrEqualTo(40);
    for (long id : ids) {
      JsonObject callback = callback(id);
      assertThat(callback.getString("state")).as("after the rehearsal").isEqualTo("SCHEDULED");
      assertThat(events(callback)).as("history after the rehearsal").isEqualTo(before.get(id));
    }

    advance(121);
    for (long id : ids) {
      awaitState(id, "QUEUED");
      JsonObject callback = callback(id);
      assertThat(events(callback).stream().filter("QUEUED"::equals)).hasSize(1);
      assertThat(eventAt(callback, "QUEUED")).isAfterOrEqualTo(at);
    }
  }

  @Test
  void racing_dispatchers_deliver_each_callback_exactly_once() {
    long queue = queue("{}"); // no members: callbacks stay QUEUED once delivered
    Instant at = serverNow().plusSeconds(120); // room to create them all, however slow
    List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 60; i++) {
      ids.add(callbackAt(queue, at, ""));
    }
    advance(121);
    Reply race = api.post("/api/v1/test/engine/race?threads=4", null);
    assertThat(race.status()).as(race.toString()).isEqualTo(200);
    for (long id : ids) {
      awaitState(id, "QUEUED");
      assertThat(events(callback(id)).stream().filter("QUEUED"::equals)).hasSize(1);
    }
  }

  @Test
  void webhook_subscriber_receives_signed_events_and_a_forged_one_is_detectable() {
    long queue = queue("{}");
    Instant at = serverNow();
    long id = callbackAt(queue, at.plusSeconds(2), "");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(RECEIVER.received().stream().map(WebhookReceiver.Received::eventId))
                    .contains("cb-" + id + "-1", "cb-" + id + "-2"));
    var queued =
        RECEIVER.received().stream()
            .filter(r -> r.eventId().equals("cb-" + id + "-2"))
            .findFirst()
            .orElseThrow();
    assertThat(queued.body()).contains("\"event\":\"QUEUED\"").contains("\"callbackId\":" + id);
    // who may see a step stays on the server
    assertThat(queued.body()).doesNotContain("involvedAgentIds").doesNotContain("createdBy");
    // Standard Webhooks: the event id as webhook-id, a timestamp from the server's clock, and a
    // signature over both and the body, checked here by the test's own implementation
    assertThat(queued.header("webhook-id")).isEqualTo("cb-" + id + "-2");
    assertThat(queued.header("X-Rappel-Event-Id")).isEqualTo("cb-" + id + "-2");
    assertThat(queued.header("X-Rappel-Event")).isEqualTo("QUEUED");
    long sentAt = Long.parseLong(queued.header("webhook-timestamp"));
    assertThat(sentAt).isBetween(at.getEpochSecond(), serverNow().getEpochSecond());
    assertThat(queued.verifiesUnder(StandardWebhooks.IT_SECRET)).isTrue();
    assertThat(queued.verifiesUnder(StandardWebhooks.OTHER_SECRET)).isFalse();
    String signature = queued.header("webhook-signature");
    assertThat(
            StandardWebhooks.verifies(
                StandardWebhooks.IT_SECRET,
                "cb-" + id + "-2",
                "" + sentAt,
                queued.body().replace("QUEUED", "CANCELED"),
                signature))
        .as("a forged body")
        .isFalse();
    assertThat(
            StandardWebhooks.verifies(
                StandardWebhooks.IT_SECRET,
                "cb-" + id + "-2",
                "" + (sentAt + 3600),
                queued.body(),
                signature))
        .as("a replay under a fresh timestamp")
        .isFalse();
  }

  /** What the webhook receiver got of a callback's events, in the order it got them. */
  private static List<WebhookReceiver.Received> receipts(long callback) {
    return RECEIVER.received().stream()
        .filter(r -> r.eventId().startsWith("cb-" + callback + "-"))
        .toList();
  }

  private static List<String> taken(long callback) {
    return receipts(callback).stream()
        .filter(WebhookReceiver.Received::taken)
        .map(WebhookReceiver.Received::eventId)
        .toList();
  }

  private static List<String> steps(long callback, int count) {
    List<String> ids = new ArrayList<>();
    for (int step = 1; step <= count; step++) {
      ids.add("cb-" + callback + "-" + step);
    }
    return ids;
  }

  @Test
  void a_refused_webhook_event_holds_back_only_its_callback_and_each_event_arrives_once_in_order() {
    long queue = queue("{}"); // no members: both wait QUEUED until canceled
    Instant at = serverNow().plusSeconds(2);
    long held = callbackAt(queue, at, "");
    long other = callbackAt(queue, at, "");
    String refused = "cb-" + held + "-2"; // its QUEUED step
    RECEIVER.refuse(refused);
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> receipts(held).stream().anyMatch(r -> !r.taken()));
      assertThat(api.post("/api/v1/callbacks/" + held + "/cancel", null).status()).isEqualTo(200);
      assertThat(api.post("/api/v1/callbacks/" + other + "/cancel", null).status()).isEqualTo(200);

      // steps of another callback, written after the refusal, go out meanwhile
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(taken(other)).containsExactlyElementsOf(steps(other, 3)));
      // the refused step's cancel waits behind it: not even tried
      assertThat(receipts(held))
          .extracting(WebhookReceiver.Received::eventId)
          .doesNotContain("cb-" + held + "-3");
      assertThat(taken(held)).containsExactly("cb-" + held + "-1");
    } finally {
      RECEIVER.accept(refused);
    }
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(() -> assertThat(taken(held)).containsExactlyElementsOf(steps(held, 3)));

    // at least once, deduplicable by id: every event taken exactly once; only the refused one was
    // sent more than once
    for (long callback : List.of(held, other)) {
      Map<String, Long> sends =
          receipts(callback).stream()
              .collect(
                  Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
      assertThat(
              taken(callback).stream()
                  .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
          .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
      sends.forEach(
          (id, times) -> {
            if (!id.equals(refused)) {
              assertThat(times).as(id).isEqualTo(1);
            }
          });
    }
    assertThat(receipts(held).stream().filter(r -> r.eventId().equals(refused)))
        .extracting(WebhookReceiver.Received::taken)
        .startsWith(false)
        .endsWith(true)
        .containsOnlyOnce(true);
  }

  @Test
  void delivered_webhook_events_are_purged_after_the_retention_and_the_history_stays() {
    long queue = queue("{}");
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/test/outbox?callbackId=" + id).body())
                    .isEqualTo("2/2"));

    advance(Duration.ofDays(7).plusMinutes(2).toSeconds()); // rappel.webhooks.retention-days = 7

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/test/outbox?callbackId=" + id).body())
                    .isEqualTo("0/0"));
    assertThat(events(callback(id))).containsExactly("SCHEDULED", "QUEUED");
  }

  @Test
  void metrics_show_deliveries_lateness_and_overdue_callbacks() {
    long queue = queue("{}");
    double delivered = metric("rappel_deliveries_total");
    double measured = metric("rappel_delivery_lateness_seconds_count");
    long id = callbackAt(queue, serverNow().plusSeconds(2), "");
    awaitState(id, "QUEUED");
    // counted once the delivery's transaction has committed
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(metric("rappel_deliveries_total")).isGreaterThan(delivered);
              assertThat(metric("rappel_delivery_lateness_seconds_count")).isGreaterThan(measured);
            });
    String metrics = api.send("GET", "/metrics", null, null).body();
    assertThat(metrics)
        .contains("rappel_deliveries")
        .contains("rappel_delivery_lateness")
        .contains("rappel_callbacks_overdue")
        .contains("rappel_webhook_deliveries");
  }

  /**
   * The sum of the samples of a metric (a pattern of its name) in the Prometheus text of {@code
   * /metrics}, 0 if absent, with or without the scope's prefix ({@code application_}).
   */
  private double metric(String pattern) {
    return api.send("GET", "/metrics", null, null)
        .body()
        .lines()
        .filter(line -> line.matches("(application_)?" + pattern + "[{ ].*"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void sse_client_receives_the_steps_of_its_agent() throws Exception {
    long queue = queue("{}");
    long agent = availableMember(queue);
    String path = "api/v1/events?agentId=" + agent;
    List<String> lines = read(path, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": subscribed"));

    long id = callbackAt(queue, serverNow().plusSeconds(2), ",\"preferredAgentId\":" + agent);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(lines)
                    .contains("event: SCHEDULED", "event: QUEUED", "event: OFFERED")
                    .contains("id: cb-" + id + "-3"));
    assertThat(lines.stream().filter(l -> l.startsWith("data:")).toList())
        .anySatisfy(
            d -> assertThat(d).contains("\"state\":\"OFFERED\"").contains("\"callbackId\":" + id));
    assertThat(api.get("/api/v1/events?agentId=abc").status()).isEqualTo(422);

    // a client that reconnects with the id of the last event it saw gets what it missed first, in
    // the order it was recorded: steps 1 and 3 were written through JPA, step 2 by the engine's
    // bulk delivery, so this holds only if both take their ids from one pool (on Derby, where the
    // replay goes by id)
    List<String> resumed = read(path, "cb-" + id + "-1");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(resumed)
                    .containsSubsequence("id: cb-" + id + "-2", "id: cb-" + id + "-3")
                    .doesNotContain("id: cb-" + id + "-1"));
    List<String> afterDelivery = read(path, "cb-" + id + "-2");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(afterDelivery)
                    .contains("id: cb-" + id + "-3")
                    .doesNotContain("id: cb-" + id + "-1", "id: cb-" + id + "-2"));
  }

  /** The event streams a test opened: a user may hold only a few, and others share the server. */
  private final List<java.util.concurrent.CompletableFuture<HttpResponse<java.io.InputStream>>>
      streams = new ArrayList<>();

  @AfterEach
  void closeStreams() {
    streams.forEach(
        response ->
            response.thenAccept(
                opened -> {
                  try {
                    opened.body().close();
                  } catch (java.io.IOException alreadyClosed) {
                    // nothing left to release
                  }
                }));
  }

  /** The lines of an event stream as they arrive, read on a thread of their own. */
  private List<String> read(String path, String lastEventId) {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.server().resolve(path))
            .header("Accept", "text/event-stream")
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    var response =
        HttpClient.newHttpClient()
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    streams.add(response);
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(response.get().body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (Exception ended) {
                // stream closed
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
