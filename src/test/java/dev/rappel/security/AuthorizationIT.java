package dev.rappel.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.server.ShiftedClock;
import dev.rappel.testing.server.TestClockProducer;
import dev.rappel.testing.server.TestClockResource;
import jakarta.json.JsonObject;
import java.io.File;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what, over HTTP on the real server: every endpoint of the OpenAPI document against
 * every kind of caller. The matrix fails when the server has an endpoint it has no row for, so a
 * new endpoint cannot ship without its access rule.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationIT {
  private static final String PASSWORD = "correct horse battery";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("rappel.war", "target/rappel.war")))
        .addClasses(ShiftedClock.class, TestClockProducer.class, TestClockResource.class);
  }

  @ArquillianResource URL base;

  /** The kinds of caller the matrix tries. */
  enum Who {
    ANONYMOUS,
    WRONG_PASSWORD,
    REVOKED_TOKEN,
    AGENT_OWN,
    AGENT_OTHER,
    SUPERVISOR,
    ADMIN,
    INTEGRATION
  }

  private static Fixture fixture;

  /** What the matrix acts on, made once as admin. */
  static final class Fixture {
    Api admin;
    Map<Who, Api> callers = new EnumMap<>(Who.class);
    long queue;
    long agent1;
    long agent2;
    long interaction1;
    long callback1; // scheduled by agent 1
    long integrationCallback; // created by the integration token
    String integrationToken;
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
    f.integrationToken = token(f.admin, "crm", "INTEGRATION");
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
                    + Instant.now().plusSeconds(86_400)
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
  record Call(String path, String body) {}

  private static Map<Who, Integer> allowed(int ok, Who... who) {
    Map<Who, Integer> expected = new EnumMap<>(Who.class);
    for (Who w : Who.values()) {
      expected.put(w, 403);
    }
    expected.put(Who.ANONYMOUS, 401);
    expected.put(Who.WRONG_PASSWORD, 401);
    expected.put(Who.REVOKED_TOKEN, 401);
    for (Who w : who) {
      expected.put(w, ok);
    }
    return expected;
  }

  private static Map<Who, Integer> with(Map<Who, Integer> expected, Who who, int status) {
    expected.put(who, status);
    return expected;
  }

  private static List<Row> matrix() {
    List<Row> rows = new ArrayList<>();
    String later = "\"scheduledAt\":\"" + Instant.now().plusSeconds(2 * 86_400) + "\"";
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
    rows.add(
        new Row(
            "GET",
            "/api/v1/interactions/{id}",
            f -> new Call("/api/v1/interactions/" + f.interaction1, null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.INTEGRATION)));
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
                        + later
                        + "}"),
            allowed(201, Who.ADMIN, Who.SUPERVISOR, Who.INTEGRATION)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/callbacks",
            f -> new Call("/api/v1/callbacks", null),
            allowed(
                200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.AGENT_OTHER, Who.INTEGRATION)));
    rows.add(
        new Row(
            "GET",
            "/api/v1/callbacks/{id}",
            f -> new Call("/api/v1/callbacks/" + f.callback1, null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "PATCH",
            "/api/v1/callbacks/{id}",
            f -> new Call("/api/v1/callbacks/" + f.callback1, "{" + later + "}"),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
    rows.add(
        new Row(
            "POST",
            "/api/v1/callbacks/{id}/cancel",
            f -> new Call("/api/v1/callbacks/" + freshCallbackOfAgent1(f) + "/cancel", null),
            allowed(200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN)));
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
            allowed(409, Who.ADMIN, Who.INTEGRATION)));
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
                200, Who.ADMIN, Who.SUPERVISOR, Who.AGENT_OWN, Who.AGENT_OTHER, Who.INTEGRATION)));
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
            "GET", "/api/v1/audit", f -> new Call("/api/v1/audit", null), allowed(200, Who.ADMIN)));
    return rows;
  }

  private static String tempUser(Fixture f) {
    String name = "tmp" + UUID.randomUUID().toString().substring(0, 8);
    user(f.admin, name, "SUPERVISOR", null);
    return name;
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
        int status =
            row.template().equals("/api/v1/events") && row.expected().get(who) == 200
                ? api.streamStatus(call.path())
                : api.send(row.method(), call.path(), call.body(), "application/json").status();
        int expected = row.expected().get(who);
        if (status != expected) {
          wrong.put(
              row.method() + " " + row.template() + " as " + who,
              status + " (expected " + expected + ")");
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
    Reply forbidden =
        fixture.callers.get(Who.AGENT_OTHER).get("/api/v1/callbacks/" + fixture.callback1);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.contentType()).startsWith("application/problem+json");
    assertThat(forbidden.json().getString("detail")).isNotBlank();
    // health and the API description stay open
    assertThat(fixture.callers.get(Who.ANONYMOUS).get("/health/ready").status()).isEqualTo(200);
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
            "{\"scheduledAt\":\"" + Instant.now().plusSeconds(7200) + "\"}");
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

  @Test
  void repeated_wrong_passwords_lock_the_account_for_a_while() {
    user(fixture.admin, "forgetful", "SUPERVISOR", null);
    Api wrong = fixture.admin.as("forgetful", "wrong password!!");
    Api right = fixture.admin.as("forgetful", PASSWORD);
    assertThat(right.get("/api/v1/callbacks").status()).isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(wrong.get("/api/v1/callbacks").status()).isEqualTo(401);
    }
    assertThat(right.get("/api/v1/callbacks").status()).as("locked").isEqualTo(401);
    fixture.admin.post("/api/v1/test/clock/advance?seconds=" + (15 * 60 + 1), null);
    assertThat(right.get("/api/v1/callbacks").status())
        .as("unlocked after 15 minutes")
        .isEqualTo(200);
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
