package dev.rappel.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.RawHttp;
import dev.rappel.testing.SharedServer;
import dev.rappel.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, over HTTP on the real server: every endpoint of the OpenAPI document against
 * every kind of caller. The matrix fails when the server has an endpoint it has no row for, so a
 * new endpoint cannot ship without its access rule.
 */
@SharedServer
class AuthorizationIT {
  private static final String PASSWORD = "correct horse battery";

  @SharedServer.Base URL base;

  /** The kinds of caller the matrix tries. */
  enum Who {
    ANONYMOUS,
    WRONG_PASSWORD,
    REVOKED_TOKEN,
    AGENT_OWN,
    AGENT_OTHER,
    SUPERVISOR,
    ADMIN,
    /** Issued with {@code role: INTEGRATION}, as before scopes. */
    INTEGRATION,
    EXPIRED_TOKEN,
    ADMIN_TOKEN,
    CREATE_TOKEN,
    MANAGE_TOKEN,
    TELEPHONY_TOKEN,
    /** events:read, limited to the second queue. */
    EVENTS_TOKEN
  }

  private static Fixture fixture;

  /** What the matrix acts on, made once as admin. */
  static final class Fixture {
    Api admin;
    Map<Who, Api> callers = new EnumMap<>(Who.class);
    long queue;
    long otherQueue;
    long ownedQueue; // made when first needed
    long agent1;
    long agent2;
    long interaction1;
    long callback1; // scheduled by agent 1
    long integrationCallback; // created by the integration token
    String integrationToken;

    /** The server's time: an earlier class on the shared server may have moved it on. */
    Instant now() {
      return admin.serverClock().instant();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    if (fixture != null) {
      return;
    }
    Fixture f = new Fixture();
    f.admin = new Api(base.toURI().resolve("/"));
    f.queue =
        f.admin
            .post(
                "/api/v1/queues",
                "{\"name\":\"Authz\",\"callbackSettings\":{\"agentQueueSelection\":true,"
                    + "\"ownedCallbacks\":{\"enabled\":true}}}")
            .id();
    f.agent1 = f.admin.post("/api/v1/agents", "{\"name\":\"Agent One\"}").id();
    f.agent2 = f.admin.post("/api/v1/agents", "{\"name\":\"Agent Two\"}").id();
    f.admin.put(
        "/api/v1/queues/" + f.queue + "/members",
        "{\"agentIds\":[" + f.agent1 + "," + f.agent2 + "]}");
    user(f.admin, "agent1", "AGENT", f.agent1);
    user(f.admin, "agent2", "AGENT", f.agent2);
    user(f.admin, "supervisor", "SUPERVISOR", null);
    user(f.admin, "victim", "SUPERVISOR", null);
    f.otherQueue = f.admin.post("/api/v1/queues", "{\"name\":\"Authz other\"}").id();
    f.integrationToken = token(f.admin, "crm", "INTEGRATION");
    String expiring =
        scoped(
            f.admin,
            "short-lived",
            "\"callbacks:read\"",
            ",\"expiresAt\":\"" + f.now().plusSeconds(60) + "\"");
    assertThat(f.admin.withToken(expiring).get("/api/v1/callbacks").status()).isEqualTo(200);
    // past its expiry on the server's clock: refused like a revoked token
    f.admin.post("/api/v1/test/clock/advance?seconds=61", null);
    String revoked = token(f.admin, "old", "INTEGRATION");
    long revokedId =
        f
            .admin
            .get("/api/v1/tokens")
            .structure()
            .asJsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(t -> t.getString("name").equals("old"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    assertThat(f.admin.send("DELETE", "/api/v1/tokens/" + revokedId, null, null).status())
        .isEqualTo(204);

    f.callers.put(Who.ANONYMOUS, f.admin.anonymous());
    f.callers.put(Who.WRONG_PASSWORD, f.admin.as("victim", "not the password"));
    f.callers.put(Who.REVOKED_TOKEN, f.admin.withToken(revoked));
    f.callers.put(Who.AGENT_OWN, f.admin.as("agent1", PASSWORD));
    f.callers.put(Who.AGENT_OTHER, f.admin.as("agent2", PASSWORD));
    f.callers.put(Who.SUPERVISOR, f.admin.as("supervisor", PASSWORD));
    f.callers.put(Who.ADMIN, f.admin);
    f.callers.put(Who.INTEGRATION, f.admin.withToken(f.integrationToken));
    f.callers.put(Who.EXPIRED_TOKEN, f.admin.withToken(expiring));
    f.callers.put(Who.ADMIN_TOKEN, f.admin.withToken(scoped(f.admin, "root", "\"admin\"", "")));
    f.callers.put(
        Who.CREATE_TOKEN,
        f.admin.withToken(scoped(f.admin, "web form", "\"callbacks:create\"", "")));
    f.callers.put(
        Who.MANAGE_TOKEN, f.admin.withToken(scoped(f.admin, "wfm", "\"callbacks:manage\"", "")));
    f.callers.put(
        Who.TELEPHONY_TOKEN, f.admin.withToken(scoped(f.admin, "dialer", "\"telephony\"", "")));
    f.callers.put(
        Who.EVENTS_TOKEN,
        f.admin.withToken(
            scoped(
                f.admin,
                "wallboard",
                "\"events:read\"",
                ",\"eventQueueIds\":[" + f.otherQueue + "]")));

    f.interaction1 = interaction(f, f.agent1);
    f.callback1 =
        f.admin.post("/api/v1/interactions/" + interaction(f, f.agent1) + "/callback", "{}").id();
    f.integrationCallback =
        f.callers
            .get(Who.INTEGRATION)
            .post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + f.queue
                    + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"Via CRM\","
                    + "\"scheduledAt\":\""
                    + f.now().plusSeconds(86_400)
                    + "\"}")
            .id();
    fixture = f;
  }

  private static void user(Api admin, String name, String role, Long agent) {
    Reply reply =
        admin.post(
            "/api/v1/users",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":[\""
                + role
                + "\"]"
                + (agent == null ? "" : ",\"agentId\":" + agent)
                + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private static String token(Api admin, String name, String role) {
    Reply reply =
        admin.post("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("token");
  }

  private static String scoped(Api admin, String name, String scopes, String more) {
    Reply reply =
        admin.post(
            "/api/v1/tokens",
            "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "]" + more + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("token");
  }

  private static long interaction(Fixture f, long agent) {
    return f.admin
        .post(
            "/api/v1/interactions",
            "{\"mediaType\":\"CALL\",\"queueId\":"
                + f.queue
                + ",\"ani\":\"+33142685300\",\"agentId\":"
                + agent
                + "}")
        .id();
  }

  private static final java.util.concurrent.atomic.AtomicInteger CALLERS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A callback waiting on the queue for a fresh number, then a call from that number reaching agent
   * 1 (the queue notifies): the path of that notice.
   */
  private static String noticeOfAgent1(Fixture f) {
    String number = "+1312555" + String.format("%04d", CALLERS.incrementAndGet());
    long callback =
        f.admin
            .post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + f.queue
                    + ",\"phoneNumber\":\""
                    + number
                    + "\",\"customerName\":\"X\",\"scheduledAt\":\""
                    + f.now().plusSeconds(86_400)
                    + "\"}")
            .id();
    long interaction =
        f.admin
            .post(
                "/api/v1/interactions",
                "{\"mediaType\":\"CALL\",\"queueId\":"
                    + f.queue
                    + ",\"ani\":\""
                    + number
                    + "\",\"agentId\":"
                    + f.agent1
                    + "}")
            .id();
    return "/api/v1/interactions/" + interaction + "/waiting-callbacks/" + callback;
  }

  /** A callback due now (so an extension ends later) owned by agent 1, who is off queue. */
  /**
   * A due callback owned by agent 1, who is off queue, on a queue without members, already
   * delivered to its queue: nobody can be offered it and the engine has nothing left to change on
   * it, so it cannot race the call under test (which would answer 409, a concurrent change).
   */
  private static long dueCallbackOwnedByAgent1(Fixture f) {
    if (f.ownedQueue == 0) {
      f.ownedQueue =
          f.admin
              .post(
                  "/api/v1/queues",
                  "{\"name\":\"Authz owned\",\"callbackSettings\":{\"ownedCallbacks\":"
                      + "{\"enabled\":true}}}")
              .id();
    }
    f.admin.put("/api/v1/agents/" + f.agent1 + "/status", "{\"status\":\"OFF_QUEUE\"}");
    long id =
        f.admin
            .post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + f.ownedQueue
                    + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"X\"}")
            .id();
    f.admin.patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + f.agent1 + "}");
    // delivered to its queue, where it waits for its owner: the engine's step is behind it
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .pollInterval(java.time.Duration.ofMillis(50))
        .until(
            () ->
                "QUEUED".equals(f.admin.get("/api/v1/callbacks/" + id).json().getString("state")));
    return id;
  }

  private static long freshCallbackOfAgent1(Fixture f) {
    return f.admin
        .post("/api/v1/interactions/" + interaction(f, f.agent1) + "/callback", "{}")
        .id();
  }

  /**
   * One endpoint: how to call it (fresh resources where the call changes them) and who gets what.
   */
  record Row(
      String method, String template, Function<Fixture, Call> call, Map<Who, Integer> expected) {}

  /** A concrete request. */
  record Call(String path, String body, String contentType) {
    Call(String path, String body) {
      this(path, body, "application/json");
    }
  }

  /** A number no other row lists: each call on the do-not-call list gets its own. */
  private static String unlistedNumber() {
    return "+1212559"
        + String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
  }

  private static Map<Who, Integer> allowed(int ok, Who... who) {
    Map<Who, Integer> expected = new EnumMap<>(Who.class);
    for (Who w : Who.values()) {
      expected.put(w, 403);
    }
    expected.put(Who.ANONYMOUS, 401);
    expected.put(Who.WRONG_PASSWORD, 401);
    expected.put(Who.REVOKED_TOKEN, 401);
    expected.put(Who.EXPIRED_TOKEN, 401);
    for (Who w : who) {
      expected.put(w, ok);
      if (w == Who.ADMIN) {
        expected.put(Who.ADMIN_TOKEN, ok); // the admin scope is everything an admin may do
      }
    }
    return expected;
  }

  private static Map<Who, Integer> with(Map<Who, Integer> expected, Who who, int status) {
    expected.put(who, status);
    return expected;
  }

  private static List<Row> matrix() {
    List<Row> rows = new ArrayList<>();
    Function<Fixture, String> later =
        f -> "\"scheduledAt\":\"" + f.now().plusSeconds(2 * 86_400) + "\"";
    rows.add(
        new Row(
            "POST",
            "/api/v1/queues",
            f -> new Call("/api/v1/queues", "{\"name\":\"Q" + UUID.randomUUID() + "\"}"),
            allowed(201, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/queues",
            f -> new Call("/api/v1/queues", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/queues/{id}",
            f -> new Call("/api/v1/queues/" + f.queue, null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR)));
    rows.add(
        new Row(
            "PUT",
            "/api/v1/queues/{id}",
            f ->
                new Call(
                    "/api/v1/queues/"
                        + f.admin
                            .post("/api/v1/queues", "{\"name\":\"P" + UUID.randomUUID() + "\"}")
                            .id(),
                    "{\"name\":\"R" + UUID.randomUUID() + "\"}"),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "PUT",
            "/api/v1/queues/{id}/members",
            f ->
                new Call(
                    "/api/v1/queues/"
                        + f.admin
                            .post("/api/v1/queues", "{\"name\":\"M" + UUID.randomUUID() + "\"}")
                            .id()
                        + "/members",
                    "{\"agentIds\":[]}"),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/agents",
            f -> new Call("/api/v1/agents", "{\"name\":\"New\"}"),
            allowed(201, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/agents",
            f -> new Call("/api/v1/agents", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/agents/{id}",
            f -> new Call("/api/v1/agents/" + f.agent1, null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "PUT",
            "/api/v1/agents/{id}/status",
            f -> new Call("/api/v1/agents/" + f.agent1 + "/status", "{\"status\":\"OFF_QUEUE\"}"),
            allowed(200, Who.ADMIN, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/agents/{id}/offers",
            f -> new Call("/api/v1/agents/" + f.agent1 + "/offers", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/interactions",
            f ->
                new Call(
                    "/api/v1/interactions",
                    "{\"mediaType\":\"CALL\",\"queueId\":"
                        + f.queue
                        + ",\"agentId\":"
                        + f.agent1
                        + "}"),
            allowed(201, Who.ADMIN, Who.INTEGRATION)));
    // an integration reads back only the interactions it reported (not this one)
    rows.add(
        new Row(
            "GET",
            "/api/v1/interactions/{id}",
            f -> new Call("/api/v1/interactions/" + f.interaction1, null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/interactions/{id}/waiting-callbacks",
            f -> new Call("/api/v1/interactions/" + f.interaction1 + "/waiting-callbacks", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/interactions/{id}/waiting-callbacks/{callbackId}/cancel",
            f -> new Call(noticeOfAgent1(f) + "/cancel", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/interactions/{id}/waiting-callbacks/{callbackId}/keep",
            f -> new Call(noticeOfAgent1(f) + "/keep", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/ownership/extend",
            f ->
                new Call(
                    "/api/v1/callbacks/" + dueCallbackOwnedByAgent1(f) + "/ownership/extend", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/ownership/release",
            f ->
                new Call(
                    "/api/v1/callbacks/" + dueCallbackOwnedByAgent1(f) + "/ownership/release",
                    null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/interactions/{id}/callback",
            f -> new Call("/api/v1/interactions/" + interaction(f, f.agent1) + "/callback", "{}"),
            allowed(201, Who.ADMIN, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks",
            f ->
                new Call(
                    "/api/v1/callbacks",
                    "{\"queueId\":"
                        + f.queue
                        + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"X\","
                        + later.apply(f)
                        + "}"),
            allowed(201, Who.ADMIN, Who.SUPERVISOR, Who.INTEGRATION, Who.CREATE_TOKEN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/callbacks",
            f -> new Call("/api/v1/callbacks", null),
            allowed(
                200,
                Who.ADMIN,
                Who.SUPERVISOR,
                Who.AGENT_OWN,
                Who.AGENT_OTHER,
                Who.INTEGRATION,
                Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/callbacks/{id}",
            f -> new Call("/api/v1/callbacks/" + f.callback1, null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/callbacks/{id}/compliance",
            f -> new Call("/api/v1/callbacks/" + f.callback1 + "/compliance", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/dnc",
            f -> new Call("/api/v1/dnc", "{\"phoneNumber\":\"" + unlistedNumber() + "\"}"),
            allowed(201, Who.ADMIN, Who.SUPERVISOR, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/dnc",
            f -> new Call("/api/v1/dnc", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "DELETE",
            "/api/v1/dnc/{phoneNumber}",
            f -> {
              String number = unlistedNumber();
              f.admin.post("/api/v1/dnc", "{\"phoneNumber\":\"" + number + "\"}");
              return new Call("/api/v1/dnc/" + number.replace("+", "%2B"), null);
            },
            allowed(204, Who.ADMIN, Who.SUPERVISOR, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/dnc/import",
            f -> new Call("/api/v1/dnc/import", unlistedNumber() + ",matrix\n", "text/csv"),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "PATCH",
            "/api/v1/callbacks/{id}",
            f -> new Call("/api/v1/callbacks/" + f.callback1, "{" + later.apply(f) + "}"),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/cancel",
            f -> new Call("/api/v1/callbacks/" + freshCallbackOfAgent1(f) + "/cancel", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    // self-service links: those who may manage the callback
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/link",
            f -> new Call("/api/v1/callbacks/" + f.callback1 + "/link", null),
            allowed(201, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "DELETE",
            "/api/v1/callbacks/{id}/link",
            f -> new Call("/api/v1/callbacks/" + f.callback1 + "/link", null),
            allowed(204, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/queues/{id}/slots",
            f -> new Call("/api/v1/queues/" + f.queue + "/slots", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR)));
    // the Genesys-compatible endpoints: the same rules as their /api/v1 counterparts; a bulk
    // call is allowed to every role that may manage callbacks and refuses items one by one
    Function<Fixture, String> genesysLater =
        f -> "\"callbackScheduledTime\":\"" + f.now().plusSeconds(2 * 86_400) + "\"";
    rows.add(
        new Row(
            "POST",
            "/api/v2/conversations/callbacks",
            f ->
                new Call(
                    "/api/v2/conversations/callbacks",
                    "{\"queueId\":\""
                        + f.queue
                        + "\",\"callbackNumbers\":[\"+33142685300\"],\"callbackUserName\":\"X\","
                        + genesysLater.apply(f)
                        + "}"),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.INTEGRATION, Who.CREATE_TOKEN)));
    rows.add(
        new Row(
            "PATCH",
            "/api/v2/conversations/callbacks",
            f ->
                new Call(
                    "/api/v2/conversations/callbacks",
                    "{\"conversationId\":\"" + f.callback1 + "\"," + genesysLater.apply(f) + "}"),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v2/conversations/callbacks/bulk/update",
            f ->
                new Call(
                    "/api/v2/conversations/callbacks/bulk/update",
                    "{\"patchCallbackRequests\":[{\"conversationId\":\""
                        + f.callback1
                        + "\","
                        + genesysLater.apply(f)
                        + "}]}"),
            allowed(
                200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.AGENT_OTHER, Who.MANAGE_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v2/conversations/callbacks/bulk/disconnect",
            f ->
                new Call(
                    "/api/v2/conversations/callbacks/bulk/disconnect",
                    "{\"callbackDisconnectIdentifiers\":[{\"conversationId\":\""
                        + freshCallbackOfAgent1(f)
                        + "\"}]}"),
            allowed(
                202, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.AGENT_OTHER, Who.MANAGE_TOKEN)));
    // open to every caller: the client authenticates in the request (a JSON body is refused)
    Map<Who, Integer> open = new EnumMap<>(Who.class);
    for (Who w : Who.values()) {
      open.put(w, 400);
    }
    rows.add(new Row("POST", "/oauth/token", f -> new Call("/oauth/token", "{}"), open));
    rows.add(
        new Row(
            "POST",
            "/api/v1/oauth-clients",
            f ->
                new Call(
                    "/api/v1/oauth-clients", "{\"name\":\"c\",\"scopes\":[\"callbacks:read\"]}"),
            allowed(201, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/oauth-clients",
            f -> new Call("/api/v1/oauth-clients", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "DELETE",
            "/api/v1/oauth-clients/{clientId}",
            f ->
                new Call(
                    "/api/v1/oauth-clients/"
                        + f.admin
                            .post(
                                "/api/v1/oauth-clients",
                                "{\"name\":\"d\",\"scopes\":[\"callbacks:read\"]}")
                            .json()
                            .getString("clientId"),
                    null),
            allowed(204, Who.ADMIN)));
    rows.add(
        new Row(
            "PUT",
            "/api/v1/agents/{id}/external-id",
            f ->
                new Call(
                    "/api/v1/agents/" + f.agent2 + "/external-id",
                    "{\"externalId\":\"" + UUID.randomUUID() + "\"}"),
            allowed(200, Who.ADMIN)));
    // not offered, reserved or dialling: allowed callers reach the state check (409)
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/accept",
            f ->
                new Call(
                    "/api/v1/callbacks/" + f.callback1 + "/accept",
                    "{\"agentId\":" + f.agent1 + "}"),
            with(allowed(409, Who.ADMIN, Who.AGENT_OWN), Who.AGENT_OTHER, 403)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/decline",
            f ->
                new Call(
                    "/api/v1/callbacks/" + f.callback1 + "/decline",
                    "{\"agentId\":" + f.agent1 + "}"),
            with(allowed(409, Who.ADMIN, Who.AGENT_OWN), Who.AGENT_OTHER, 403)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/complete",
            f ->
                new Call(
                    "/api/v1/callbacks/" + f.callback1 + "/complete",
                    "{\"agentId\":" + f.agent1 + "}"),
            with(allowed(409, Who.ADMIN, Who.AGENT_OWN), Who.AGENT_OTHER, 403)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/attempts/{number}/outcome",
            f ->
                new Call(
                    "/api/v1/callbacks/" + f.callback1 + "/attempts/1/outcome",
                    "{\"outcome\":\"ANSWERED\"}"),
            // only the telephony side reports how a dial ended
            allowed(409, Who.ADMIN, Who.TELEPHONY_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/follow-up",
            f -> new Call("/api/v1/callbacks/" + f.callback1 + "/follow-up", "{}"),
            allowed(409, Who.ADMIN, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/events",
            f -> new Call("/api/v1/events", null),
            allowed(
                200,
                Who.ADMIN,
                Who.SUPERVISOR,
                Who.AGENT_OWN,
                Who.AGENT_OTHER,
                Who.INTEGRATION,
                Who.MANAGE_TOKEN,
                Who.EVENTS_TOKEN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/users",
            f ->
                new Call(
                    "/api/v1/users",
                    "{\"username\":\"u"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"password\":\""
                        + PASSWORD
                        + "\",\"roles\":[\"SUPERVISOR\"]}"),
            allowed(201, Who.ADMIN)));
    rows.add(
        new Row(
            "GET", "/api/v1/users", f -> new Call("/api/v1/users", null), allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "PUT",
            "/api/v1/users/{username}/password",
            f -> new Call("/api/v1/users/agent1/password", "{\"password\":\"" + PASSWORD + "\"}"),
            allowed(204, Who.ADMIN, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "PUT",
            "/api/v1/users/{username}/roles",
            f ->
                new Call("/api/v1/users/" + tempUser(f) + "/roles", "{\"roles\":[\"SUPERVISOR\"]}"),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/sign-in-failures",
            f -> new Call("/api/v1/sign-in-failures", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "DELETE",
            "/api/v1/users/{username}",
            f -> new Call("/api/v1/users/" + tempUser(f), null),
            allowed(204, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/tokens",
            f -> new Call("/api/v1/tokens", "{\"name\":\"t\",\"role\":\"INTEGRATION\"}"),
            allowed(201, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/tokens",
            f -> new Call("/api/v1/tokens", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "DELETE",
            "/api/v1/tokens/{id}",
            f -> new Call("/api/v1/tokens/" + tempToken(f), null),
            allowed(204, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/webhooks",
            f -> new Call("/api/v1/webhooks", WEBHOOK),
            allowed(201, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/webhooks",
            f -> new Call("/api/v1/webhooks", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/webhooks/{id}",
            f -> new Call("/api/v1/webhooks/" + tempWebhook(f), null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "DELETE",
            "/api/v1/webhooks/{id}",
            f -> new Call("/api/v1/webhooks/" + tempWebhook(f), null),
            allowed(204, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/webhooks/{id}/enable",
            f -> new Call("/api/v1/webhooks/" + tempWebhook(f) + "/enable", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/webhooks/{id}/test",
            f -> new Call("/api/v1/webhooks/" + tempWebhook(f) + "/test", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/webhooks/{id}/deliveries",
            f -> new Call("/api/v1/webhooks/" + tempWebhook(f) + "/deliveries", null),
            allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "GET", "/api/v1/audit", f -> new Call("/api/v1/audit", null), allowed(200, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/admin/backup",
            f -> new Call("/api/v1/admin/backup", null),
            // online backup is embedded Derby's; on PostgreSQL an admin is told to use pg_dump
            allowed(TestDatabase.isPostgresql() ? 409 : 201, Who.ADMIN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/privacy/erase",
            // a number no callback has: the rule is checked without erasing the matrix's fixtures
            f -> new Call("/api/v1/privacy/erase", "{\"phoneNumber\":\"+33142685399\"}"),
            allowed(200, Who.ADMIN)));
    return rows;
  }

  private static String tempUser(Fixture f) {
    String name = "tmp" + UUID.randomUUID().toString().substring(0, 8);
    user(f.admin, name, "SUPERVISOR", null);
    return name;
  }

  /**
   * A receiver nobody listens at (the IT server allows private addresses), of an event that never
   * happens, so the matrix's subscriptions add nothing to send.
   */
  private static final String WEBHOOK =
      "{\"url\":\"http://localhost:1/hook\",\"events\":[\"NEVER_HAPPENS\"]}";

  /** The matrix's subscriptions, deleted after the class: the server is shared with others. */
  private static final List<Long> TEMP_WEBHOOKS = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static long tempWebhook(Fixture f) {
    long id = f.admin.post("/api/v1/webhooks", WEBHOOK).id();
    TEMP_WEBHOOKS.add(id);
    return id;
  }

  @AfterAll
  static void deleteTempWebhooks() {
    if (fixture != null) {
      TEMP_WEBHOOKS.forEach(
          id -> fixture.admin.send("DELETE", "/api/v1/webhooks/" + id, null, null));
    }
  }

  private static long tempToken(Fixture f) {
    return f.admin.post("/api/v1/tokens", "{\"name\":\"tmp\",\"role\":\"INTEGRATION\"}").id();
  }

  @Test
  void every_endpoint_has_a_rule_in_the_matrix() {
    JsonObject openapi = fixture.admin.send("GET", "/openapi?format=JSON", null, null).json();
    Set<String> served = new TreeSet<>();
    openapi
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject().keySet().stream()
                    .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                    .forEach(m -> served.add(m.toUpperCase() + " " + path)));
    served.removeIf(endpoint -> endpoint.contains("/api/v1/test/")); // test-only resources
    Set<String> covered =
        matrix().stream()
            .map(r -> r.method() + " " + r.template())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(covered).as("endpoints with an access rule").isEqualTo(served);
  }

  @Test
  void every_caller_gets_exactly_what_its_role_allows_on_every_endpoint() {
    Map<String, String> wrong = new LinkedHashMap<>();
    for (Row row : matrix()) {
      for (Who who : Who.values()) {
        Call call = row.call().apply(fixture);
        Api api = fixture.callers.get(who);
        String body = "";
        int status;
        if (row.template().equals("/api/v1/events") && row.expected().get(who) == 200) {
          status = api.streamStatus(call.path());
        } else {
          Api.Reply reply = api.send(row.method(), call.path(), call.body(), call.contentType());
          status = reply.status();
          body = reply.body().length() > 300 ? reply.body().substring(0, 300) : reply.body();
        }
        int expected = row.expected().get(who);
        if (who == Who.WRONG_PASSWORD && status == 429) {
          status = 401; // after its free failures the wrong password is refused unchecked
        }
        if (status != expected) {
          wrong.put(
              row.method() + " " + row.template() + " as " + who,
              status + " (expected " + expected + ") " + body);
        }
      }
    }
    assertThat(wrong).as("calls answered otherwise than the rules say").isEmpty();
  }

  @Test
  void refusals_are_problems_and_anonymous_calls_are_challenged() {
    Reply anonymous = fixture.callers.get(Who.ANONYMOUS).get("/api/v1/callbacks");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(anonymous.response().headers().allValues("WWW-Authenticate"))
        .anySatisfy(v -> assertThat(v).startsWith("Basic"))
        .anySatisfy(v -> assertThat(v).startsWith("Bearer"));
    // a browser is never asked for Basic credentials, so it never keeps any to send by itself
    for (Map<String, String> browser :
        List.of(
            Map.of("Sec-Fetch-Mode", "navigate"),
            Map.of("Origin", "https://evil.example"),
            Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"))) {
      Reply challenged =
          fixture.callers.get(Who.ANONYMOUS).send("GET", "/api/v1/callbacks", null, null, browser);
      assertThat(challenged.status()).isEqualTo(401);
      assertThat(challenged.response().headers().allValues("WWW-Authenticate"))
          .as(browser.toString())
          .isNotEmpty()
          .noneSatisfy(v -> assertThat(v).startsWithIgnoringCase("Basic"));
    }
    Reply forbidden =
        fixture.callers.get(Who.AGENT_OTHER).get("/api/v1/callbacks/" + fixture.callback1);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.contentType()).startsWith("application/problem+json");
    assertThat(forbidden.json().getString("detail")).isNotBlank();
    // health and the API description stay open; readiness may be DOWN for the second after another
    // test moved the server's clock forward, until the engine completes its next pass
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(fixture.callers.get(Who.ANONYMOUS).get("/health/ready").status())
                    .isEqualTo(200));
    assertThat(fixture.callers.get(Who.ANONYMOUS).send("GET", "/openapi", null, null).status())
        .isEqualTo(200);
  }

  @Test
  void agents_and_integrations_list_only_their_own_callbacks() {
    JsonObject ofAgent1 =
        fixture.callers.get(Who.AGENT_OWN).get("/api/v1/callbacks?size=500").json();
    assertThat(ids(ofAgent1))
        .contains(fixture.callback1)
        .doesNotContain(fixture.integrationCallback);
    JsonObject ofAgent2 =
        fixture.callers.get(Who.AGENT_OTHER).get("/api/v1/callbacks?size=500").json();
    assertThat(ids(ofAgent2)).doesNotContain(fixture.callback1);
    JsonObject ofCrm =
        fixture.callers.get(Who.INTEGRATION).get("/api/v1/callbacks?size=500").json();
    assertThat(ids(ofCrm)).containsExactly(fixture.integrationCallback);
    assertThat(
            fixture
                .callers
                .get(Who.INTEGRATION)
                .get("/api/v1/callbacks/" + fixture.integrationCallback)
                .status())
        .isEqualTo(200);
    assertThat(
            fixture
                .callers
                .get(Who.INTEGRATION)
                .get("/api/v1/callbacks/" + fixture.callback1)
                .status())
        .isEqualTo(403);
  }

  @Test
  void a_callbacks_read_token_reads_only_the_callbacks_it_created() {
    Api erp =
        fixture.admin.withToken(
            scoped(fixture.admin, "erp", "\"callbacks:create\",\"callbacks:read\"", ""));
    long own =
        erp.post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + fixture.queue
                    + ",\"phoneNumber\":\"+33142685301\",\"customerName\":\"Via ERP\","
                    + "\"scheduledAt\":\""
                    + fixture.now().plusSeconds(86_400)
                    + "\"}")
            .id();
    assertThat(erp.get("/api/v1/callbacks/" + own).status()).isEqualTo(200);
    assertThat(erp.get("/api/v1/callbacks/" + fixture.integrationCallback).status()).isEqualTo(403);
    assertThat(ids(erp.get("/api/v1/callbacks?size=500").json())).containsExactly(own);
    assertThat(fixture.callers.get(Who.INTEGRATION).get("/api/v1/callbacks/" + own).status())
        .isEqualTo(403);
    // create alone reads nothing back
    assertThat(fixture.callers.get(Who.CREATE_TOKEN).get("/api/v1/callbacks/" + own).status())
        .isEqualTo(403);
  }

  @Test
  void an_integration_reads_back_the_interactions_it_reported_only() {
    Api crm = fixture.callers.get(Who.INTEGRATION);
    long reported =
        crm.post(
                "/api/v1/interactions",
                "{\"mediaType\":\"CALL\",\"queueId\":"
                    + fixture.queue
                    + ",\"ani\":\"+33142685302\"}")
            .id();
    assertThat(crm.get("/api/v1/interactions/" + reported).status()).isEqualTo(200);
    Api other =
        fixture.admin.withToken(scoped(fixture.admin, "other crm", "\"interactions:write\"", ""));
    assertThat(other.get("/api/v1/interactions/" + reported).status()).isEqualTo(403);
    assertThat(fixture.callers.get(Who.SUPERVISOR).get("/api/v1/interactions/" + reported).status())
        .isEqualTo(200);
  }

  @Test
  void a_token_issued_with_the_old_role_gets_its_scopes_and_tokens_list_scopes_and_last_use() {
    Reply issued =
        fixture.admin.post("/api/v1/tokens", "{\"name\":\"legacy\",\"role\":\"INTEGRATION\"}");
    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.json().getJsonArray("scopes").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("callbacks:create", "callbacks:read", "interactions:write");
    assertThat(fixture.admin.withToken(issued.json().getString("token")).get("/api/v1/callbacks"))
        .extracting(Reply::status)
        .isEqualTo(200);
    JsonObject listed =
        fixture.admin.get("/api/v1/tokens").structure().asJsonArray().stream()
            .map(v -> v.asJsonObject())
            .filter(
                t ->
                    t.getJsonNumber("id").longValue()
                        == issued.json().getJsonNumber("id").longValue())
            .findFirst()
            .orElseThrow();
    assertThat(listed.getString("role")).isEqualTo("INTEGRATION");
    assertThat(listed.containsKey("lastUsedAt")).as(listed.toString()).isTrue();
    assertProblem(
        fixture.admin.post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"root\"]}"), 422);
    assertProblem(fixture.admin.post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[]}"), 422);
    assertProblem(
        fixture.admin.post(
            "/api/v1/tokens",
            "{\"name\":\"x\",\"scopes\":[\"telephony\"],\"expiresAt\":\"tomorrow\"}"),
        422);
  }

  @Test
  void an_events_token_limited_to_a_queue_receives_no_event_of_another_queue() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    String token =
        scoped(
            fixture.admin,
            "wallboard 2",
            "\"events:read\"",
            ",\"eventQueueIds\":[" + fixture.otherQueue + "]");
    var request =
        java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token)
            .build();
    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    try (var lines = response.body()) {
      var iterator = lines.iterator();
      assertThat(iterator.next()).contains("subscribed");
      long inA = callbackIn(fixture.queue, "+33142685303");
      long inB = callbackIn(fixture.otherQueue, "+33142685304");
      List<String> seen = new ArrayList<>();
      var reader =
          Executors.newSingleThreadExecutor()
              .submit(
                  () -> {
                    while (iterator.hasNext()) {
                      String line = iterator.next();
                      seen.add(line);
                      if (line.contains("\"callbackId\":" + inB)) {
                        return line;
                      }
                    }
                    return null;
                  });
      String ofB = reader.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(ofB).as("the event of its queue").isNotNull().doesNotContain("+3314268530");
      assertThat(seen).noneMatch(l -> l.contains("\"callbackId\":" + inA));
    }
  }

  private static long callbackIn(long queue, String number) {
    return fixture
        .admin
        .post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\""
                + number
                + "\",\"customerName\":\"Q\",\"scheduledAt\":\""
                + fixture.now().plusSeconds(86_400)
                + "\"}")
        .id();
  }

  @Test
  void an_agent_reschedules_its_callback_but_cannot_reassign_it() {
    Api agent1 = fixture.callers.get(Who.AGENT_OWN);
    long id = freshCallbackOfAgent1(fixture);
    assertThat(
            agent1
                .patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + fixture.agent2 + "}")
                .status())
        .isEqualTo(403);
    assertThat(
            agent1.patch("/api/v1/callbacks/" + id, "{\"queueId\":" + fixture.queue + "}").status())
        .isEqualTo(403);
    Reply moved =
        agent1.patch(
            "/api/v1/callbacks/" + id,
            "{\"scheduledAt\":\"" + fixture.now().plusSeconds(7200) + "\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().getJsonArray("history").getJsonObject(1).getString("actor"))
        .isEqualTo("agent1");
    assertThat(
            fixture
                .callers
                .get(Who.SUPERVISOR)
                .patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + fixture.agent2 + "}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void administrative_changes_name_who_made_them() {
    long queue =
        fixture
            .admin
            .post("/api/v1/queues", "{\"name\":\"Audited " + UUID.randomUUID() + "\"}")
            .id();
    fixture.admin.put(
        "/api/v1/queues/" + queue, "{\"name\":\"Audited " + UUID.randomUUID() + "\"}");
    String audit = fixture.admin.get("/api/v1/audit?limit=1000").body();
    assertThat(audit)
        .contains("\"action\":\"QUEUE_CHANGED\"", "\"action\":\"USER_CREATED\"")
        .contains("\"action\":\"TOKEN_ISSUED\"", "\"action\":\"TOKEN_REVOKED\"")
        .contains("\"actor\":\"admin\"")
        .doesNotContain(PASSWORD);
  }

  @Test
  void pages_are_sent_with_protective_headers_and_a_safe_session_cookie() {
    Reply page = fixture.callers.get(Who.ANONYMOUS).send("GET", "/login.xhtml", null, null);
    assertThat(page.status()).isEqualTo(200);
    var headers = page.response().headers();
    assertThat(headers.allValues("Content-Security-Policy"))
        .anySatisfy(v -> assertThat(v).contains("frame-ancestors 'none'"))
        .anySatisfy(v -> assertThat(v).contains("script-src").contains("nonce-"));
    assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(headers.allValues("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("RAPPEL_SESSION=")
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax"));
    Reply api = fixture.admin.get("/api/v1/queues");
    assertThat(api.response().headers().firstValue("Content-Security-Policy"))
        .contains("default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void a_token_is_shown_once_and_listed_without_its_value() {
    Reply issued =
        fixture.admin.post("/api/v1/tokens", "{\"name\":\"shown-once\",\"role\":\"INTEGRATION\"}");
    String token = issued.json().getString("token");
    assertThat(token).startsWith("rpl_").hasSizeGreaterThan(40);
    String listing = fixture.admin.get("/api/v1/tokens").body();
    assertThat(listing).contains("shown-once").doesNotContain(token);
    assertThat(fixture.admin.get("/api/v1/users").body())
        .doesNotContain(PASSWORD)
        .doesNotContain("PBKDF2");
    assertProblem(fixture.admin.post("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"GOD\"}"), 400);
    assertProblem(
        fixture.admin.post(
            "/api/v1/users",
            "{\"username\":\"shorty\",\"password\":\"123\",\"roles\":[\"ADMIN\"]}"),
        422);
    assertProblem(
        fixture.admin.post(
            "/api/v1/users",
            "{\"username\":\"lonely\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"AGENT\"]}"),
        422);
  }

  private RawHttp from(String clientAddress) {
    return new RawHttp(base.getPort(), clientAddress);
  }

  private static Map<String, String> basicAuth(String username, String password) {
    return Map.of(
        "Authorization",
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(
                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * The failures the server counts for a user from an address (null: from all), as admins see them.
   */
  private static int failuresOf(String username, String address) {
    return fixture.admin.get("/api/v1/sign-in-failures").structure().asJsonArray().stream()
        .map(v -> v.asJsonObject())
        .filter(
            f ->
                f.getString("username").equals(username)
                    && (address == null || f.getString("clientAddress").equals(address)))
        .mapToInt(f -> f.getInt("failures"))
        .sum();
  }

  /**
   * Wrong guesses from one client until the server refuses one unchecked. A check takes about a
   * second here and the clock runs, so the first waits (1 s, 2 s) may have passed before the next
   * guess: it takes 3 to 5 guesses.
   */
  private static RawHttp.Reply guessUntilThrottled(RawHttp client, String username) {
    for (int i = 0; i < 8; i++) {
      RawHttp.Reply reply =
          client.send("GET", "/api/v1/callbacks", basicAuth(username, "wrong guess " + i), null);
      if (reply.status() == 429) {
        assertThat(i).as("free failures").isGreaterThanOrEqualTo(3);
        return reply;
      }
      assertThat(reply.status()).isEqualTo(401);
    }
    throw new AssertionError("never throttled");
  }

  @Test
  void wrong_passwords_slow_their_client_down_but_never_lock_the_user_out() {
    user(fixture.admin, "forgetful", "SUPERVISOR", null);
    RawHttp attacker = from("127.0.0.1");
    RawHttp.Reply throttled = guessUntilThrottled(attacker, "forgetful");
    assertThat(throttled.header("Retry-After"))
        .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
    assertThat(throttled.header("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    int counted = failuresOf("forgetful", "127.0.0.1");
    assertThat(counted).as("checked guesses only").isBetween(3, 5);
    assertThat(attacker.send("GET", "/api/v1/callbacks", basicAuth("forgetful", PASSWORD), null))
        .as("even the right password waits its turn there")
        .extracting(RawHttp.Reply::status)
        .isEqualTo(429);
    assertThat(failuresOf("forgetful", "127.0.0.1")).as("refused unchecked").isEqualTo(counted);

    // another client that has not failed gets in with the right password at once
    assertThat(
            from("127.0.0.2")
                .send("GET", "/api/v1/callbacks", basicAuth("forgetful", PASSWORD), null)
                .status())
        .isEqualTo(200);
    assertThat(failuresOf("forgetful", "127.0.0.2")).isZero();

    // the same password verified moments ago is taken from memory, whatever the address
    assertThat(
            attacker
                .send("GET", "/api/v1/callbacks", basicAuth("forgetful", PASSWORD), null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void after_the_wait_a_client_may_try_again_and_a_success_starts_it_afresh() {
    user(fixture.admin, "hesitant", "SUPERVISOR", null);
    RawHttp client = from("127.0.0.3");
    long wait =
        Long.parseLong(guessUntilThrottled(client, "hesitant").header("Retry-After").orElseThrow());
    fixture.admin.post("/api/v1/test/clock/advance?seconds=" + (wait + 1), null);
    assertThat(
            client.send("GET", "/api/v1/callbacks", basicAuth("hesitant", PASSWORD), null).status())
        .isEqualTo(200);
    assertThat(failuresOf("hesitant", "127.0.0.3")).isZero();
  }

  @Test
  void fifty_concurrent_wrong_guesses_get_no_5xx_and_every_checked_one_is_counted()
      throws Exception {
    user(fixture.admin, "besieged", "SUPERVISOR", null);
    Api api = fixture.admin.anonymous();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Api guess = api.as("besieged", "wrong guess number " + i);
        answers.add(pool.submit(() -> guess.get("/api/v1/callbacks").status()));
      }
      Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
      for (Future<Integer> answer : answers) {
        byStatus.merge(answer.get(), 1, Integer::sum);
      }
      assertThat(byStatus.keySet()).as("statuses %s", byStatus).isSubsetOf(401, 429);
      int checked = byStatus.getOrDefault(401, 0);
      assertThat(failuresOf("besieged", null))
          .as("every checked guess counted, %s", byStatus)
          .isEqualTo(checked);
      // three free, then one per growing wait: a parallel attacker gains nothing
      assertThat(checked).as("guesses checked, %s", byStatus).isBetween(3, 6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_console_session_cookie_never_authenticates_an_api_call_whatever_the_path() {
    user(fixture.admin, "cookie-monster", "ADMIN", null);
    RawHttp browser = from("127.0.0.1");
    String session = browser.signInToConsole("cookie-monster", PASSWORD);
    Map<String, String> cookie = Map.of("Cookie", RawHttp.consoleCookie(session));
    assertThat(browser.send("GET", "/admin/users.xhtml", cookie, null).status())
        .as("the session works for pages")
        .isEqualTo(200);
    for (String path :
        List.of(
            "/api/v1/callbacks",
            "//api/v1/callbacks",
            "/api//v1/callbacks",
            "/./api/v1/callbacks",
            "/api/../api/v1/callbacks",
            "/admin/../api/v1/callbacks",
            "/%61pi/v1/callbacks",
            "/api;jsessionid=" + session + "/v1/callbacks",
            "/api/v1;x=y/callbacks")) {
      int status = browser.send("GET", path, cookie, null).status();
      assertThat(status).as(path).isIn(400, 401, 404);
    }
    assertThat(browser.send("GET", "//api/v1/callbacks", cookie, null).status()).isEqualTo(401);
  }

  @Test
  void deleting_a_user_or_changing_its_password_or_roles_ends_its_console_sessions() {
    RawHttp browser = from("127.0.0.1");
    Map<String, Runnable> changes = new LinkedHashMap<>();
    changes.put("deleted", () -> fixture.admin.send("DELETE", "/api/v1/users/leaver1", null, null));
    changes.put(
        "new password",
        () ->
            fixture.admin.put(
                "/api/v1/users/leaver2/password", "{\"password\":\"another long passphrase\"}"));
    changes.put(
        "new roles",
        () ->
            fixture.admin.put(
                "/api/v1/users/leaver3/roles", "{\"roles\":[\"SUPERVISOR\",\"ADMIN\"]}"));
    int n = 0;
    for (Map.Entry<String, Runnable> change : changes.entrySet()) {
      String name = "leaver" + ++n;
      user(fixture.admin, name, "SUPERVISOR", null);
      Map<String, String> cookie =
          Map.of("Cookie", RawHttp.consoleCookie(browser.signInToConsole(name, PASSWORD)));
      assertThat(browser.send("GET", "/supervisor/callbacks.xhtml", cookie, null).status())
          .as(change.getKey() + ": before")
          .isEqualTo(200);
      change.getValue().run();
      RawHttp.Reply after = browser.send("GET", "/supervisor/callbacks.xhtml", cookie, null);
      assertThat(after.status()).as(change.getKey() + ": after").isEqualTo(302);
      assertThat(after.header("Location"))
          .hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml"));
    }
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(i -> i.getJsonNumber("id").longValue())
        .toList();
  }
}
