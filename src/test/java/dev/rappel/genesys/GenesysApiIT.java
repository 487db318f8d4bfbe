package dev.rappel.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.SharedServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Genesys-compatible endpoints over HTTP against the real WAR: request bodies written from
 * Genesys Cloud's API reference (src/test/resources/genesys) are replayed as a Genesys client sends
 * them, authenticated as a Genesys SDK does, with an OAuth client's token.
 */
@SharedServer
class GenesysApiIT {
  private static final String CALLBACKS = "/api/v2/conversations/callbacks";
  private static final String FORM = "application/x-www-form-urlencoded";

  @SharedServer.Base URL base;

  Api admin;

  @BeforeEach
  void connect() throws Exception {
    admin = new Api(base.toURI().resolve("/"));
  }

  // ---------------------------------------------------------------- helpers

  private Instant serverNow() {
    Reply reply = admin.post("/api/v1/test/clock/advance?seconds=0", null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Instant.parse(reply.body());
  }

  /** A queue with a Genesys UUID as externalId; owned callbacks on when asked. */
  private String queue(boolean owned) {
    String externalId = UUID.randomUUID().toString();
    Reply reply =
        admin.post(
            "/api/v1/queues",
            "{\"name\":\"G-"
                + externalId
                + "\",\"externalId\":\""
                + externalId
                + "\",\"callbackSettings\":{\"ownedCallbacks\":{\"enabled\":"
                + owned
                + ",\"maxScheduleAheadHours\":720,\"ownershipHours\":24}}}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().getString("externalId")).isEqualTo(externalId);
    return externalId;
  }

  private long queueIdOf(String externalId) {
    return admin
        .get("/api/v1/queues")
        .structure()
        .asJsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(q -> externalId.equals(q.getString("externalId", null)))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  private record AgentRef(long id, String externalId) {}

  private AgentRef agent() {
    String externalId = UUID.randomUUID().toString();
    Reply reply =
        admin.post(
            "/api/v1/agents",
            "{\"name\":\"Agent " + externalId + "\",\"externalId\":\"" + externalId + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().getString("externalId")).isEqualTo(externalId);
    return new AgentRef(reply.id(), externalId);
  }

  /** A replay body with its placeholders filled in. */
  private static String body(String file, Map<String, String> values) {
    try (InputStream in = GenesysApiIT.class.getResourceAsStream("/genesys/" + file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var value : values.entrySet()) {
        text = text.replace("${" + value.getKey() + "}", value.getValue());
      }
      assertThat(text).as(file).doesNotContain("${");
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tomorrow() {
    return serverNow().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  /** A client with these scopes, and a token for it got as an SDK gets one. */
  private Api genesysClient(String scopes) {
    JsonObject client = createClient(scopes);
    Reply token =
        token(
            basic(client.getString("clientId"), client.getString("clientSecret")),
            "grant_type=client_credentials");
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    return admin.withToken(token.json().getString("access_token"));
  }

  private JsonObject createClient(String scopes) {
    Reply created =
        admin.post(
            "/api/v1/oauth-clients",
            "{\"name\":\"Web form " + UUID.randomUUID() + "\",\"scopes\":" + scopes + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }

  private Reply token(String authorization, String form) {
    Api caller = authorization == null ? admin.anonymous() : admin.withAuthorization(authorization);
    return caller.send("POST", "/oauth/token", form, FORM);
  }

  private static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static void assertGenesysError(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).as(reply.toString()).startsWith("application/json");
    JsonObject error = reply.json();
    assertThat(error.getInt("status")).isEqualTo(status);
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("messageWithParams")).isNotBlank();
    assertThat(error.getString("contextId")).isNotBlank();
    assertThat(error.containsKey("messageParams")).isTrue();
    assertThat(error.getJsonArray("details")).isNotNull();
    assertThat(error.getJsonArray("errors")).isNotNull();
  }

  private JsonObject callback(String conversationId) {
    Reply reply = admin.get("/api/v1/callbacks/" + conversationId);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private String create(Api client, String file, Map<String, String> values) {
    Reply reply = client.post(CALLBACKS, body(file, values));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonObject conversation = reply.json().getJsonObject("conversation");
    String id = conversation.getString("id");
    assertThat(conversation.getString("selfUri")).endsWith("/callbacks/" + id);
    assertThat(reply.json().getJsonArray("callbackIdentifiers").getJsonObject(0).getString("id"))
        .isEqualTo(id);
    return id;
  }

  // ---------------------------------------------------------------- callbacks

  @Test
  void a_genesys_create_with_queueId_by_externalId_schedules_the_callback() {
    String queue = queue(false);
    String at = tomorrow();
    Api client = genesysClient("[\"callbacks:create\"]");

    String id =
        create(
            client, "create-callback.json", Map.of("queueExternalId", queue, "scheduledTime", at));

    JsonObject callback = callback(id);
    assertThat(callback.getJsonNumber("queueId").longValue()).isEqualTo(queueIdOf(queue));
    assertThat(callback.getString("phoneNumber")).isEqualTo("+13175550123");
    assertThat(callback.getString("customerName")).isEqualTo("Jane Doe");
    assertThat(Instant.parse(callback.getString("scheduledAt"))).isEqualTo(Instant.parse(at));
    assertThat(callback.getString("callerId")).isEqualTo("+13175550100");
    assertThat(callback.getString("callerIdName")).isEqualTo("Acme Support");
    assertThat(callback.getJsonObject("data").getString("notes"))
        .isEqualTo("ready to close the deal!");
  }

  @Test
  void routing_data_names_queue_and_preferred_agent_and_other_numbers_are_kept() {
    String queue = queue(false);
    AgentRef agent = agent();

    String id =
        create(
            admin,
            "create-callback-routing-data.json",
            Map.of(
                "queueExternalId", queue,
                "agentExternalId", agent.externalId(),
                "scheduledTime", tomorrow()));

    JsonObject callback = callback(id);
    assertThat(callback.getJsonNumber("preferredAgentId").longValue()).isEqualTo(agent.id());
    assertThat(callback.getString("phoneNumber")).isEqualTo("+13175550188");
    assertThat(callback.getJsonObject("data").getString("otherCallbackNumbers"))
        .isEqualTo("+13175550199");
  }

  @Test
  void agent_owned_callback_flag_gives_ownership_under_the_queue_policy() {
    AgentRef agent = agent();
    Map<String, String> values =
        Map.of(
            "queueExternalId", queue(true),
            "agentExternalId", agent.externalId(),
            "scheduledTime", tomorrow());

    String id = create(admin, "create-agent-owned-callback.json", values);

    JsonObject callback = callback(id);
    assertThat(callback.getJsonNumber("ownerAgentId").longValue()).isEqualTo(agent.id());
    assertThat(callback.getString("ownershipExpiresAt")).isNotBlank();

    Map<String, String> notAllowed = new java.util.HashMap<>(values);
    notAllowed.put("queueExternalId", queue(false));
    Reply refused = admin.post(CALLBACKS, body("create-agent-owned-callback.json", notAllowed));
    assertGenesysError(refused, 400, "bad.request");
  }

  @Test
  void patch_reschedules_and_reassigns() {
    String queue = queue(true);
    AgentRef agent = agent();
    String id =
        create(
            admin,
            "create-callback.json",
            Map.of("queueExternalId", queue(false), "scheduledTime", tomorrow()));
    String later = serverNow().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES).toString();

    Reply rescheduled =
        admin.patch(
            CALLBACKS,
            body("patch-callback.json", Map.of("conversationId", id, "laterTime", later)));
    assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);
    assertThat(rescheduled.json().getJsonObject("conversation").getString("id")).isEqualTo(id);
    assertThat(Instant.parse(callback(id).getString("scheduledAt")))
        .isEqualTo(Instant.parse(later));

    Reply reassigned =
        admin.patch(
            CALLBACKS,
            body(
                "patch-callback-reassign.json",
                Map.of(
                    "conversationId", id,
                    "queueExternalId", queue,
                    "agentExternalId", agent.externalId())));
    assertThat(reassigned.status()).as(reassigned.toString()).isEqualTo(200);
    JsonObject callback = callback(id);
    assertThat(callback.getJsonNumber("queueId").longValue()).isEqualTo(queueIdOf(queue));
    assertThat(callback.getJsonNumber("ownerAgentId").longValue()).isEqualTo(agent.id());
  }

  @Test
  void bulk_update_applies_each_request_and_reports_the_ones_refused() {
    String queue = queue(false);
    String first =
        create(
            admin,
            "create-callback.json",
            Map.of("queueExternalId", queue, "scheduledTime", tomorrow()));
    String second =
        create(
            admin,
            "create-callback.json",
            Map.of("queueExternalId", queue, "scheduledTime", tomorrow()));
    String later = serverNow().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES).toString();

    Reply reply =
        admin.post(
            CALLBACKS + "/bulk/update",
            body(
                "bulk-update.json",
                Map.of("conversationId", first, "conversationId2", second, "laterTime", later)));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getInt("errorCount")).isEqualTo(1);
    assertThat(reply.json().getJsonArray("errorIndexes").getInt(0)).isEqualTo(2);
    assertThat(
            reply
                .json()
                .getJsonArray("results")
                .getJsonObject(2)
                .getJsonObject("error")
                .getString("code"))
        .isEqualTo("not.found");
    for (String id : List.of(first, second)) {
      assertThat(Instant.parse(callback(id).getString("scheduledAt")))
          .isEqualTo(Instant.parse(later));
    }
  }

  @Test
  void bulk_disconnect_cancels_the_callbacks() {
    String queue = queue(false);
    Api client = genesysClient("[\"callbacks:create\",\"callbacks:manage\"]");
    String first =
        create(
            client,
            "create-callback.json",
            Map.of("queueExternalId", queue, "scheduledTime", tomorrow()));
    String second =
        create(
            client,
            "create-callback.json",
            Map.of("queueExternalId", queue, "scheduledTime", tomorrow()));

    Reply reply =
        client.post(
            CALLBACKS + "/bulk/disconnect",
            body(
                "bulk-disconnect.json",
                Map.of("conversationId", first, "conversationId2", second)));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    assertThat(callback(first).getString("state")).isEqualTo("CANCELED");
    assertThat(callback(second).getString("state")).isEqualTo("CANCELED");
  }

  @Test
  void errors_on_genesys_paths_take_the_genesys_error_body() {
    Reply unknownQueue =
        admin.post(
            CALLBACKS,
            body(
                "create-callback.json",
                Map.of("queueExternalId", "no-such-queue", "scheduledTime", tomorrow())));
    assertGenesysError(unknownQueue, 400, "bad.request");
    assertThat(
            unknownQueue
                .json()
                .getJsonArray("errors")
                .getJsonObject(0)
                .getJsonObject("messageParams")
                .getString("field"))
        .isEqualTo("queueId");

    assertGenesysError(admin.post(CALLBACKS, "{\"queueId\": "), 400, "bad.request");
    assertGenesysError(admin.post(CALLBACKS, "{\"callbackNumbers\": 5}"), 400, "bad.request");
    assertGenesysError(
        admin.patch(CALLBACKS, "{\"conversationId\":\"not-a-conversation\"}"), 404, "not.found");
    assertGenesysError(admin.anonymous().post(CALLBACKS, "{}"), 401, "bad.credentials");
    assertGenesysError(admin.get("/api/v2/conversations/nothing-here"), 404, "not.found");
    Api readOnly = genesysClient("[\"callbacks:read\"]");
    assertGenesysError(readOnly.post(CALLBACKS, "{}"), 403, "missing.permissions");
  }

  @Test
  void an_idempotency_key_makes_a_repeated_create_answer_the_first_callback() {
    String body =
        body(
            "create-callback.json",
            Map.of("queueExternalId", queue(false), "scheduledTime", tomorrow()));
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    Reply first = admin.send("POST", CALLBACKS, body, "application/json", key);
    Reply again = admin.send("POST", CALLBACKS, body, "application/json", key);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
  }

  // ---------------------------------------------------------------- OAuth

  @Test
  void oauth_client_credentials_flow_issues_bearer_tokens_for_api_v2() {
    JsonObject client = createClient("[\"callbacks:create\",\"callbacks:read\"]");
    String id = client.getString("clientId");
    String secret = client.getString("clientSecret");
    assertThat(admin.get("/api/v1/oauth-clients").body()).contains(id).doesNotContain(secret);

    Reply token = token(basic(id, secret), "grant_type=client_credentials");
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    assertThat(token.header("Cache-Control")).contains("no-store");
    JsonObject answer = token.json();
    assertThat(answer.getString("token_type")).isEqualTo("bearer");
    assertThat(answer.getInt("expires_in")).isEqualTo(3600);
    Api sdk = admin.withToken(answer.getString("access_token"));
    create(
        sdk,
        "create-callback.json",
        Map.of("queueExternalId", queue(false), "scheduledTime", tomorrow()));

    // form fields instead of Basic (RFC 6749 §2.3.1), narrowed to one scope
    Reply narrowed =
        token(
            null,
            "grant_type=client_credentials&scope=callbacks%3Aread&client_id="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
    assertThat(narrowed.json().getString("scope")).isEqualTo("callbacks:read");
    Api reader = admin.withToken(narrowed.json().getString("access_token"));
    assertGenesysError(reader.post(CALLBACKS, "{}"), 403, "missing.permissions");

    assertThat(
            token(basic(id, secret), "grant_type=client_credentials&scope=admin")
                .json()
                .getString("error"))
        .isEqualTo("invalid_scope");

    // deleting the client revokes its tokens
    assertThat(admin.send("DELETE", "/api/v1/oauth-clients/" + id, null, null).status())
        .isEqualTo(204);
    assertGenesysError(sdk.post(CALLBACKS, "{}"), 401, "bad.credentials");
    assertThat(token(basic(id, secret), "grant_type=client_credentials").status()).isEqualTo(401);
  }

  @Test
  void oauth_errors_follow_rfc_6749() {
    JsonObject client = createClient("[\"callbacks:create\"]");
    String id = client.getString("clientId");

    Reply wrongSecret = token(basic(id, "wrong"), "grant_type=client_credentials");
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.json().getString("error")).isEqualTo("invalid_client");
    assertThat(wrongSecret.header("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));

    Reply unsupported =
        token(
            basic(id, client.getString("clientSecret")),
            "grant_type=password&username=a&password=b");
    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(unsupported.json().getString("error")).isEqualTo("unsupported_grant_type");

    Reply missing = token(basic(id, client.getString("clientSecret")), "");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getString("error")).isEqualTo("invalid_request");

    Reply json =
        admin
            .anonymous()
            .send(
                "POST",
                "/oauth/token",
                "{\"grant_type\":\"client_credentials\"}",
                "application/json");
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.json().getString("error")).isEqualTo("invalid_request");

    Reply anonymous = token(null, "grant_type=client_credentials");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void failed_client_authentications_are_throttled_like_sign_ins() {
    JsonObject client = createClient("[\"callbacks:create\"]");
    String id = client.getString("clientId");
    Reply last = null;
    for (int i = 0; i < 6; i++) {
      last = token(basic(id, "wrong-" + i), "grant_type=client_credentials");
      if (last.status() == 429) {
        break;
      }
    }
    assertThat(last.status()).as(last.toString()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isPresent();
    assertThat(last.json().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void an_access_token_is_refused_once_expired() {
    Api sdk = genesysClient("[\"callbacks:create\",\"callbacks:read\"]");
    assertThat(sdk.get("/api/v1/callbacks?size=1").status()).isEqualTo(200);

    Reply moved = admin.post("/api/v1/test/clock/advance?seconds=3601", null);
    assertThat(moved.status()).isEqualTo(200);

    assertThat(sdk.get("/api/v1/callbacks?size=1").status()).isEqualTo(401);
    assertGenesysError(sdk.post(CALLBACKS, "{}"), 401, "bad.credentials");
  }

  @Test
  void direct_calls_to_the_forwarded_resources_find_nothing() {
    assertThat(admin.post("/api/v1/forwarded/api/v2/conversations/callbacks", "{}").status())
        .isEqualTo(404);
  }

  @Test
  void agents_and_queues_keep_unique_external_ids() {
    AgentRef agent = agent();
    Reply duplicate =
        admin.post(
            "/api/v1/agents", "{\"name\":\"Twin\",\"externalId\":\"" + agent.externalId() + "\"}");
    assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
    String renamed = UUID.randomUUID().toString();
    Reply changed =
        admin.put(
            "/api/v1/agents/" + agent.id() + "/external-id",
            "{\"externalId\":\"" + renamed + "\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().getString("externalId")).isEqualTo(renamed);

    String queue = queue(false);
    Reply queueTwin =
        admin.post(
            "/api/v1/queues", "{\"name\":\"Twin " + queue + "\",\"externalId\":\"" + queue + "\"}");
    assertThat(queueTwin.status()).as(queueTwin.toString()).isEqualTo(409);
  }
}
