package dev.rappel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.SharedServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole REST API over HTTP against the real WAR on Payara Micro with embedded Derby. One
 * deployment for the class (a server start costs ~20 s); each test makes its own queue, agents and
 * interactions, so tests are independent of each other and of their order.
 */
@SharedServer
class ApiIT {
  private static final String PROBLEM = "application/problem+json";
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  @SharedServer.Base URL base;

  Api api;

  /** The server's time: other classes on the shared server may have moved it on. */
  java.time.Clock clock;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(base.toURI().resolve("/"));
    clock = api.serverClock();
  }

  // ---------------------------------------------------------------- helpers

  private long queue(String settingsJson) {
    String name = "Q-" + UUID.randomUUID();
    String body =
        settingsJson == null
            ? "{\"name\":\"" + name + "\"}"
            : "{\"name\":\"" + name + "\",\"callbackSettings\":" + settingsJson + "}";
    Reply reply = api.post("/api/v1/queues", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private long agent(String zone) {
    String body =
        zone == null
            ? "{\"name\":\"Agent\"}"
            : "{\"name\":\"Agent\",\"timeZone\":\"" + zone + "\"}";
    Reply reply = api.post("/api/v1/agents", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private long interaction(String mediaType, long queueId, String ani, Long agentId) {
    Reply reply =
        api.post(
            "/api/v1/interactions",
            "{\"mediaType\":\""
                + mediaType
                + "\",\"queueId\":"
                + queueId
                + (ani == null ? "" : ",\"ani\":\"" + ani + "\"")
                + (agentId == null ? "" : ",\"agentId\":" + agentId)
                + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private Reply schedule(long interactionId, String body) {
    return api.post("/api/v1/interactions/" + interactionId + "/callback", body);
  }

  private static void assertProblem(Reply reply, int status, String... fields) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith(PROBLEM);
    JsonObject problem = reply.json();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    if (fields.length > 0) {
      List<String> named =
          problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
              .map(error -> error.getString("field"))
              .toList();
      assertThat(named).contains(fields);
      problem
          .getJsonArray("errors")
          .getValuesAs(JsonObject.class)
          .forEach(error -> assertThat(error.getString("message")).isNotBlank());
    }
  }

  private static List<String> events(JsonObject callback) {
    return callback.getJsonArray("history").getValuesAs(JsonObject.class).stream()
        .map(entry -> entry.getString("event"))
        .toList();
  }

  // ---------------------------------------------------------------- operations

  /**
   * The readiness answer once it is UP: on the shared server, a clock another class moved on counts
   * as an engine pass overdue until the next pass, a second later.
   */
  private Reply ready() {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/health/ready"), reply -> reply.status() == 200);
  }

  @Test
  void readiness_reports_the_migrated_database_up() {
    Reply ready = ready();
    assertThat(ready.body()).contains("\"database\"").contains("up to date");
    // a configured subscriber with a valid secret, the simulated dialer: neither holds it back
    assertThat(ready.body()).contains("\"webhooks\"").contains("\"dialer\"");
    Reply live = api.get("/health/live");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body()).contains("\"rappel\"");
  }

  @Test
  void readiness_watches_the_engine_and_metrics_count_its_failures() {
    Reply ready = ready();
    assertThat(ready.body()).contains("\"engine\"").contains("lastPass");
    Reply metrics = api.send("GET", "/metrics", null, null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("rappel_engine_failures_total");
  }

  @Test
  void openapi_document_describes_the_callback_api() {
    Reply openapi = api.send("GET", "/openapi", null, null);
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body())
        .contains("/api/v1/callbacks")
        .contains("/api/v1/interactions/{id}/callback")
        .contains("/api/v1/queues/{id}/members")
        .contains("If-Match")
        .contains("ETag")
        .contains("\"412\"");
  }

  // ---------------------------------------------------------------- the contract integrators read

  private JsonObject openapiDocument() {
    Reply reply = api.send("GET", "/openapi?format=JSON", null, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static Map<String, JsonObject> operations(JsonObject document) {
    Map<String, JsonObject> operations = new java.util.TreeMap<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject()
                    .forEach(
                        (method, operation) -> {
                          if (operation.getValueType() == jakarta.json.JsonValue.ValueType.OBJECT) {
                            operations.put(
                                method.toUpperCase(java.util.Locale.ROOT) + " " + path,
                                operation.asJsonObject());
                          }
                        }));
    return operations;
  }

  @Test
  void every_operation_documents_its_success_its_problems_an_id_and_a_description() {
    JsonObject document = openapiDocument();
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    Map<String, JsonObject> operations = operations(document);
    assertThat(operations).hasSizeGreaterThanOrEqualTo(32);
    List<String> ids = new ArrayList<>();
    operations.forEach(
        (name, operation) -> {
          ids.add(operation.getString("operationId", null));
          assertThat(operation.getString("description", "")).as(name).isNotBlank();
          JsonObject responses = operation.getJsonObject("responses");
          assertThat(responses.keySet()).as(name).doesNotContain("default").contains("401", "503");
          String success =
              responses.keySet().stream()
                  .filter(code -> code.startsWith("2"))
                  .findFirst()
                  .orElse("");
          assertThat(success).as(name + " success").isNotEmpty();
          if (!success.equals("204")) {
            assertThat(responses.getJsonObject(success).getJsonObject("content"))
                .as(name + " success schema")
                .isNotNull()
                .isNotEmpty();
          }
          if (name.contains("{")) {
            assertThat(responses.keySet()).as(name).contains("404");
          }
          responses.forEach(
              (code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                  // the Genesys-compatible and OAuth paths answer in the error shapes of those
                  // APIs, by design; every other operation answers problems
                  String ownErrors = ownErrorSchema(name);
                  assertThat(
                          response
                              .asJsonObject()
                              .getJsonObject("content")
                              .getJsonObject(ownErrors == null ? PROBLEM : "application/json")
                              .getJsonObject("schema")
                              .getString("$ref"))
                      .as(name + " " + code)
                      .isEqualTo(
                          "#/components/schemas/" + (ownErrors == null ? "Problem" : ownErrors));
                }
              });
        });
    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    String one =
        operations
            .get("GET /api/v1/callbacks/{id}")
            .getJsonObject("responses")
            .getJsonObject("200")
            .getJsonObject("content")
            .getJsonObject("application/json")
            .getJsonObject("schema")
            .getString("$ref");
    assertThat(schemas.getJsonObject(one.substring(one.lastIndexOf('/') + 1)).toString())
        .contains("attempts")
        .contains("history");
    for (String create :
        List.of(
            "POST /api/v1/callbacks",
            "POST /api/v1/interactions",
            "POST /api/v1/interactions/{id}/callback",
            "POST /api/v1/callbacks/{id}/follow-up")) {
      assertThat(operations.get(create).toString()).as(create).contains("Idempotency-Key");
      assertThat(operations.get(create).getJsonObject("responses").keySet())
          .as(create)
          .contains("201", "409", "422");
    }
  }

  /**
   * What a generated client needs to type the fields: no field is an object of unknown shape (as
   * java.time values were) and no number is a decimal (as Java longs were).
   */
  @Test
  void openapi_fields_are_typed_for_generated_clients() {
    List<String> untyped = new ArrayList<>();
    collectUntyped("", openapiDocument(), untyped);
    assertThat(untyped).isEmpty();
  }

  private static void collectUntyped(String at, jakarta.json.JsonValue value, List<String> found) {
    if (value instanceof JsonObject object) {
      if (object.containsKey("properties")) {
        object
            .getJsonObject("properties")
            .forEach(
                (name, field) -> {
                  JsonObject schema = field.asJsonObject();
                  if ("object".equals(schema.getString("type", ""))
                      && !schema.containsKey("properties")
                      && !schema.containsKey("additionalProperties")) {
                    found.add(at + "/" + name + " is an object of unknown shape");
                  }
                });
      }
      if ("number".equals(object.getString("type", "")) && !object.containsKey("format")) {
        found.add(at + " is a number without a format");
      }
      object.forEach((key, child) -> collectUntyped(at + "/" + key, child, found));
    } else if (value instanceof jakarta.json.JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        collectUntyped(at + "/" + i, array.get(i), found);
      }
    }
  }

  private static final java.nio.file.Path OPENAPI_SNAPSHOT =
      java.nio.file.Path.of("src", "main", "openapi", "openapi.json");

  /** The document as compared: the servers name this run's host and port, so they are left out. */
  private static JsonObject withoutServers(JsonObject document) {
    return jakarta.json.Json.createObjectBuilder(document).remove("servers").build();
  }

  /**
   * The build generates the Java client from the checked-in document, since the server makes its
   * own only at run time: the two must be the same. On a difference the served one is written to
   * target/ for the developer to look at and copy over the checked-in one.
   */
  @Test
  void the_checked_in_openapi_document_is_the_one_the_server_serves() throws Exception {
    JsonObject served = withoutServers(openapiDocument());
    JsonObject kept;
    try (var reader =
        jakarta.json.Json.createReader(java.nio.file.Files.newBufferedReader(OPENAPI_SNAPSHOT))) {
      kept = withoutServers(reader.readObject());
    }
    if (!served.equals(kept)) {
      java.nio.file.Path written = java.nio.file.Path.of("target", "openapi-served.json");
      var out = new java.io.StringWriter();
      jakarta.json.Json.createWriterFactory(
              Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true))
          .createWriter(out)
          .write(served);
      java.nio.file.Files.writeString(written, out.toString().strip() + "\n");
      org.junit.jupiter.api.Assertions.fail(
          "The served OpenAPI document differs from "
              + OPENAPI_SNAPSHOT
              + " in "
              + differences("", 0, kept, served)
              + ". If the change is meant, copy it over: cp "
              + written
              + " "
              + OPENAPI_SNAPSHOT
              + " (the next build generates the client from it).");
    }
  }

  /** Where two documents differ, down to a schema or an operation. */
  private static List<String> differences(
      String at, int depth, jakarta.json.JsonValue kept, jakarta.json.JsonValue served) {
    if (java.util.Objects.equals(kept, served)) {
      return List.of();
    }
    if (depth == 3
        || !(kept instanceof JsonObject keptObject)
        || !(served instanceof JsonObject servedObject)) {
      return List.of(at);
    }
    List<String> found = new ArrayList<>();
    var keys = new java.util.TreeSet<>(keptObject.keySet());
    keys.addAll(servedObject.keySet());
    for (String key : keys) {
      found.addAll(
          differences(at + "/" + key, depth + 1, keptObject.get(key), servedObject.get(key)));
    }
    return found;
  }

  // ---------------------------------------------------------------- the generated Java client

  /** The client generated from the checked-in document, with an integration's API token. */
  private dev.rappel.client.api.CallbacksApi generatedClient(String... scopes) {
    String token =
        api.post(
                "/api/v1/tokens",
                "{\"name\":\"generated client\",\"scopes\":[\""
                    + String.join("\",\"", scopes)
                    + "\"]}")
            .json()
            .getString("token");
    var client = new dev.rappel.client.ApiClient();
    String server = api.server().toString();
    client.updateBaseUri(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    return new dev.rappel.client.api.CallbacksApi(client);
  }

  @Test
  void an_integration_creates_reads_lists_reschedules_and_cancels_with_the_generated_client()
      throws Exception {
    var callbacks = generatedClient("callbacks:create", "callbacks:manage");
    long queue = queue(null);
    ZoneId newYork = ZoneId.of("America/New_York");
    // built in the zone, so that a change of offset before that day is taken into account
    OffsetDateTime at =
        java.time.ZonedDateTime.now(clock.withZone(newYork))
            .plusDays(2)
            .withHour(14)
            .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
            .toOffsetDateTime();

    var created =
        callbacks.createCallback(
            UUID.randomUUID().toString(),
            new dev.rappel.client.model.CreateInput()
                .queueId(queue)
                .phoneNumber("+12125550100")
                .customerName("Ada")
                .scheduledAt(at)
                .timeZone(newYork.getId())
                .putDataItem("ticket", "T-42"));
    assertThat(created.getQueueId()).isEqualTo(queue);
    assertThat(created.getScheduledAt()).isAtSameInstantAs(at);
    assertThat(created.getScheduledAt().getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
    assertThat(created.getCustomerLocalTime()).isEqualTo(at);
    assertThat(created.getState()).isEqualTo("SCHEDULED");
    assertThat(created.getData()).containsEntry("ticket", "T-42");
    long id = created.getId();

    var read = callbacks.getCallbackWithHttpInfo(id);
    assertThat(read.getStatusCode()).isEqualTo(200);
    assertThat(read.getData().getPhoneNumber()).isEqualTo("+12125550100");
    assertThat(read.getData().getHistory())
        .extracting(dev.rappel.client.model.HistoryView::getEvent)
        .containsExactly("SCHEDULED");
    assertThat(read.getData().getHistory().get(0).getAt()).isNotNull();
    String etag = read.getHeaders().get("ETag").get(0);

    var page =
        callbacks.listCallbacks(
            "SCHEDULED", queue, null, at.minusMinutes(1), at.plusMinutes(1), null, 0, 10);
    assertThat(page.getTotal()).isEqualTo(1L);
    assertThat(page.getItems())
        .singleElement()
        .satisfies(item -> assertThat(item.getId()).isEqualTo(id));
    assertThat(
            callbacks
                .listCallbacks("SCHEDULED", queue, null, at.plusMinutes(1), null, null, 0, 10)
                .getTotal())
        .isZero();

    OffsetDateTime later = at.atZoneSameInstant(newYork).plusDays(1).toOffsetDateTime();
    var moved =
        callbacks.changeCallbackWithHttpInfo(
            id, new dev.rappel.client.model.ChangeInput().scheduledAt(later), etag);
    assertThat(moved.getData().getScheduledAt()).isAtSameInstantAs(later);
    assertThat(moved.getData().getCustomerLocalTime()).isEqualTo(later);
    assertThat(moved.getData().getOwnerAgentId()).isNull();
    // the version read before the change is stale now: refused, with a problem document
    var stale =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.rappel.client.ApiException.class, () -> callbacks.cancelCallback(id, etag));
    assertThat(stale.getCode()).isEqualTo(412);
    var problem =
        new dev.rappel.client.ApiClient()
            .getObjectMapper()
            .readValue(stale.getResponseBody(), dev.rappel.client.model.Problem.class);
    assertThat(problem.getType()).isEqualTo("urn:rappel:problem:precondition-failed");

    var canceled = callbacks.cancelCallback(id, moved.getHeaders().get("ETag").get(0));
    assertThat(canceled.getState()).isEqualTo("CANCELED");
    assertThat(canceled.getHistory())
        .extracting(dev.rappel.client.model.HistoryView::getEvent)
        .containsExactly("SCHEDULED", "RESCHEDULED", "CANCELED");
  }

  /**
   * The error schema of an operation of another API's shape ("METHOD /path"), or null for a
   * problem+json one.
   */
  private static String ownErrorSchema(String operation) {
    String path = operation.substring(operation.indexOf(' ') + 1);
    if (path.startsWith("/api/v2/")) {
      return "GenesysError";
    }
    return path.equals("/oauth/token") ? "OAuthError" : null;
  }

  /**
   * The document as served passes Spectral's spectral:oas rules with no error. The document is kept
   * in target/ for a look; Spectral runs from src/test/lint (npm ci there), which CI installs.
   */
  @Test
  void openapi_document_passes_spectral_without_errors() throws Exception {
    Reply yaml = api.send("GET", "/openapi", null, null);
    java.nio.file.Path target = java.nio.file.Path.of("target", "openapi.yaml").toAbsolutePath();
    java.nio.file.Files.writeString(target, yaml.body());
    java.nio.file.Path lint = java.nio.file.Path.of("src", "test", "lint").toAbsolutePath();
    boolean installed = java.nio.file.Files.exists(lint.resolve("node_modules/.bin/spectral"));
    if (!"true".equals(System.getenv("CI"))) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          installed, "Spectral is not installed: run npm ci in src/test/lint");
    }
    Process spectral =
        new ProcessBuilder(
                "npx",
                "--no-install",
                "spectral",
                "lint",
                target.toString(),
                "--fail-severity=error")
            .directory(lint.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(spectral.getInputStream().readAllBytes());
    assertThat(spectral.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(spectral.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain(" error ");
  }

  /**
   * Seeded fuzzing over every operation the document lists: bodies that are not objects, wrong
   * types, huge numbers and unknown values, and nonsense in path and query parameters. None may
   * give a 5xx, and every 4xx is a problem document.
   */
  @Test
  void malformed_input_on_every_operation_is_a_4xx_problem_never_a_5xx() {
    long seed = Long.getLong("rappel.fuzz.seed", 20261130L);
    java.util.Random random = new java.util.Random(seed);
    JsonObject document = openapiDocument();
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    List<String> nonsense =
        List.of(
            "false", "0", "\"x\"", "[]", "null", "{", "99999999999999999999999", "-1e400", "{}");
    List<String> wrongValues =
        List.of(
            "\"x\"",
            "[]",
            "{\"a\":1}",
            "true",
            "99999999999999999999999",
            "-99999999999999999999999",
            "1.5",
            "1e400",
            "\"NOT_A_VALUE\"",
            "\"\"");
    List<String> params =
        List.of("x", "99999999999999999999999", "-1", "1.5", "%00", "NOT_A_VALUE");
    // an encoded NUL in the path is refused by the HTTP layer before any application code, with
    // an empty 400; only the query carries it here
    List<String> pathParams = params.stream().filter(p -> !p.equals("%00")).toList();
    List<String> failures = new ArrayList<>();
    operations(document)
        .forEach(
            (name, operation) -> {
              String method = name.substring(0, name.indexOf(' '));
              String template = name.substring(name.indexOf(' ') + 1);
              if (template.equals("/api/v1/events")) {
                return; // a valid request opens a stream that does not end
              }
              List<String> bodies = new ArrayList<>();
              if (operation.containsKey("requestBody")) {
                bodies.addAll(nonsense);
                for (String field : fieldsOf(operation, schemas)) {
                  for (int i = 0; i < 3; i++) {
                    bodies.add(
                        "{\""
                            + field
                            + "\":"
                            + wrongValues.get(random.nextInt(wrongValues.size()))
                            + "}");
                  }
                }
              } else {
                bodies.add(null);
              }
              for (String body : bodies) {
                String path = template;
                while (path.contains("{")) {
                  String value =
                      random.nextBoolean()
                          ? pathParams.get(random.nextInt(pathParams.size()))
                          : Long.toString(1_000_000_000L + random.nextInt(1_000_000));
                  path =
                      path.substring(0, path.indexOf('{'))
                          + value
                          + path.substring(path.indexOf('}') + 1);
                }
                StringBuilder query = new StringBuilder();
                if (operation.containsKey("parameters")) {
                  for (JsonObject parameter :
                      operation.getJsonArray("parameters").getValuesAs(JsonObject.class)) {
                    if (parameter.getString("in").equals("query")) {
                      query
                          .append(query.length() == 0 ? "?" : "&")
                          .append(parameter.getString("name"))
                          .append('=')
                          .append(params.get(random.nextInt(params.size())));
                    }
                  }
                }
                Reply reply =
                    api.send(
                        method,
                        path + query,
                        body,
                        "application/json",
                        Map.of("Idempotency-Key", "fuzz-" + UUID.randomUUID()));
                // on the Genesys-compatible and OAuth paths errors are JSON of those APIs'
                // shapes, and each status they answer is documented
                boolean ownErrors = ownErrorSchema(name) != null;
                boolean ok =
                    reply.status() < 500
                        && (reply.status() < 400
                            || (ownErrors
                                ? reply.contentType().startsWith("application/json")
                                    && operation
                                        .getJsonObject("responses")
                                        .containsKey(Integer.toString(reply.status()))
                                : reply.contentType().startsWith(PROBLEM)));
                if (!ok) {
                  failures.add(
                      method
                          + " "
                          + path
                          + query
                          + " "
                          + body
                          + " -> "
                          + reply.status()
                          + " "
                          + reply.contentType());
                }
              }
            });
    assertThat(failures).as("seed " + seed).isEmpty();
  }

  /** The top-level property names of an operation's JSON request body. */
  private static List<String> fieldsOf(JsonObject operation, JsonObject schemas) {
    JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
    JsonObject media =
        content.containsKey("application/json")
            ? content.getJsonObject("application/json")
            : content.getJsonObject(content.keySet().iterator().next());
    JsonObject schema = media.getJsonObject("schema");
    if (schema != null && schema.containsKey("$ref")) {
      String ref = schema.getString("$ref");
      schema = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }
    if (schema == null || !schema.containsKey("properties")) {
      return List.of();
    }
    return new ArrayList<>(schema.getJsonObject("properties").keySet());
  }

  @Test
  void a_body_that_is_not_an_object_is_a_400_problem_naming_the_body() {
    long queue = queue(null);
    Reply created =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":" + queue + ",\"phoneNumber\":\"+12125550100\",\"customerName\":\"A\"}");
    String path = "/api/v1/callbacks/" + created.id();
    for (String body : List.of("false", "0", "\"x\"", "[]")) {
      Reply reply = api.patch(path, body);
      assertThat(reply.status()).as(body + " " + reply).isEqualTo(400);
      assertThat(reply.contentType()).startsWith(PROBLEM);
    }
    assertProblem(api.patch(path, "[]"), 400, "body");
    assertProblem(api.patch(path, "{\"queueId\":\"x\"}"), 400, "queueId");
    assertProblem(
        api.patch(path, "{\"ownerAgentId\":99999999999999999999999}"), 400, "ownerAgentId");
    assertProblem(api.post("/api/v1/callbacks", "{\"queueId\":\"x\"}"), 400, "queueId");
    assertProblem(
        api.post(
            "/api/v1/queues", "{\"name\":\"N\",\"callbackSettings\":{\"maxRetryCount\":\"x\"}}"),
        400,
        "callbackSettings.maxRetryCount");
  }

  // ---------------------------------------------------------------- idempotent creates

  private Reply createWithKey(String key, String body) {
    return api.send(
        "POST", "/api/v1/callbacks", body, "application/json", Map.of("Idempotency-Key", key));
  }

  @Test
  void concurrent_creates_of_one_username_make_one_user_and_refuse_the_others_as_conflicts()
      throws Exception {
    String body =
        "{\"username\":\"twin-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "\",\"password\":\"a long test password\",\"roles\":[\"SUPERVISOR\"]}";
    List<Reply> answered = Api.atOnce(8, () -> api.post("/api/v1/users", body));
    // each hashes the password before it writes, so most pass the name check together: the
    // database's unique key decides, and the losers hear why
    assertThat(answered.stream().filter(r -> r.status() == 201)).hasSize(1);
    for (Reply reply : answered) {
      assertThat(reply.status()).as(reply.toString()).isIn(201, 409);
      if (reply.status() == 409) {
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.body()).contains("already exists");
      }
    }
  }

  @Test
  void concurrent_retries_of_one_idempotent_create_make_one_callback_and_the_same_answer()
      throws Exception {
    long queue = queue(null);
    String body =
        "{\"queueId\":" + queue + ",\"phoneNumber\":\"+12125550100\",\"customerName\":\"Ada\"}";
    String key = UUID.randomUUID().toString();
    List<Reply> answered = Api.atOnce(16, () -> createWithKey(key, body));

    List<Reply> created = answered.stream().filter(r -> r.status() == 201).toList();
    assertThat(created).isNotEmpty();
    for (Reply reply : answered) {
      assertThat(reply.status()).as(reply.toString()).isIn(201, 409);
      if (reply.status() == 409) {
        assertThat(reply.contentType()).startsWith(PROBLEM);
      }
    }
    assertThat(created.stream().map(Reply::body).distinct()).hasSize(1);
    assertThat(created.stream().map(r -> r.header("Location")).distinct()).hasSize(1);
    assertThat(api.get("/api/v1/callbacks?queueId=" + queue).json().getInt("total")).isEqualTo(1);

    // a retry after the dust settled gets the same answer again
    Reply again = createWithKey(key, body);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(created.get(0).body());
    assertThat(again.header("Location")).isEqualTo(created.get(0).header("Location"));
    assertThat(api.get("/api/v1/callbacks?queueId=" + queue).json().getInt("total")).isEqualTo(1);
  }

  @Test
  void an_idempotency_key_used_for_another_request_is_refused_and_keys_belong_to_their_caller() {
    long queue = queue(null);
    String key = UUID.randomUUID().toString();
    String body =
        "{\"queueId\":" + queue + ",\"phoneNumber\":\"+12125550100\",\"customerName\":\"Ada\"}";
    assertThat(createWithKey(key, body).status()).isEqualTo(201);

    assertProblem(createWithKey(key, body.replace("Ada", "Bob")), 422, "Idempotency-Key");
    assertProblem(
        api.send(
            "POST",
            "/api/v1/interactions",
            "{\"mediaType\":\"CALL\",\"queueId\":" + queue + "}",
            "application/json",
            Map.of("Idempotency-Key", key)),
        422,
        "Idempotency-Key");
    assertProblem(createWithKey(" ", body), 400, "Idempotency-Key");
    assertThat(api.get("/api/v1/callbacks?queueId=" + queue).json().getInt("total")).isEqualTo(1);
  }

  @Test
  void a_retried_schedule_from_an_interaction_answers_the_callback_not_a_conflict() {
    long queue = queue(null);
    long agent = agent("Europe/Paris");
    long interaction = interaction("CALL", queue, "+33142685300", agent);
    String key = UUID.randomUUID().toString();
    Map<String, String> header = Map.of("Idempotency-Key", key);
    String path = "/api/v1/interactions/" + interaction + "/callback";
    Reply first = api.send("POST", path, "{}", "application/json", header);
    Reply retry = api.send("POST", path, "{}", "application/json", header);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertProblem(schedule(interaction, "{}"), 409);
  }

  @Test
  void unknown_path_is_a_404_problem() {
    assertProblem(api.get("/api/v1/no-such-thing"), 404);
  }

  // ---------------------------------------------------------------- queues and agents

  @Test
  void queue_without_settings_gets_the_product_defaults() {
    Reply created = api.post("/api/v1/queues", "{\"name\":\"Defaults " + UUID.randomUUID() + "\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/queues/" + created.id()));
    JsonObject settings = created.json().getJsonObject("callbackSettings");
    assertThat(settings.getString("mode")).isEqualTo("AGENT_FIRST");
    assertThat(settings.getBoolean("agentQueueSelection")).isFalse();
    assertThat(settings.getInt("maxRetryCount")).isEqualTo(3);
    assertThat(settings.getInt("retryDelaySeconds")).isEqualTo(300);
    assertThat(settings.getInt("offerTimeoutSeconds")).isEqualTo(30);
    assertThat(settings.getInt("maxCallMinutes")).isEqualTo(240);
    JsonObject owned = settings.getJsonObject("ownedCallbacks");
    assertThat(owned.getBoolean("enabled")).isFalse();
    assertThat(owned.getInt("maxScheduleAheadHours")).isEqualTo(720);
    assertThat(owned.getInt("ownershipHours")).isEqualTo(168);
    assertThat(owned.getBoolean("assignToQueueOnExpiry")).isTrue();
    assertThat(api.get("/api/v1/queues/" + created.id()).json()).isEqualTo(created.json());
    assertThat(api.get("/api/v1/queues").body()).contains("\"id\":" + created.id());
  }

  @Test
  void queue_settings_out_of_range_are_refused_field_by_field() {
    Reply reply =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"Bad\",\"callbackSettings\":{\"maxRetryCount\":11,"
                + "\"retryDelaySeconds\":29,\"ownedCallbacks\":{\"ownershipHours\":721},"
                + "\"offerTimeoutSeconds\":9,\"maxCallMinutes\":1441}}");
    assertProblem(
        reply,
        422,
        "callbackSettings.maxRetryCount",
        "callbackSettings.retryDelaySeconds",
        "callbackSettings.ownedCallbacks.ownershipHours",
        "callbackSettings.offerTimeoutSeconds",
        "callbackSettings.maxCallMinutes");
    assertProblem(api.post("/api/v1/queues", "{\"name\":\"  \"}"), 422, "name");
    // an unknown value cannot be read as meant: 400, and the other fields are still named
    assertProblem(
        api.post(
            "/api/v1/queues",
            "{\"name\":\"Bad\",\"callbackSettings\":{\"mode\":\"SOMETIMES\",\"maxRetryCount\":11}}"),
        400,
        "callbackSettings.mode",
        "callbackSettings.maxRetryCount");
  }

  @Test
  void queue_settings_are_replaced_and_a_taken_name_conflicts() {
    long id = queue(null);
    Reply updated =
        api.put(
            "/api/v1/queues/" + id,
            "{\"name\":\"Renamed "
                + id
                + "\",\"callbackSettings\":{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":0,"
                + "\"retryDelaySeconds\":86400,\"ownedCallbacks\":{\"enabled\":true,"
                + "\"maxScheduleAheadHours\":1,\"ownershipHours\":720}}}");
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().getJsonObject("callbackSettings").getString("mode"))
        .isEqualTo("CUSTOMER_FIRST");
    assertThat(api.get("/api/v1/queues/" + id).json().getString("name")).isEqualTo("Renamed " + id);

    long other = queue(null);
    assertProblem(api.put("/api/v1/queues/" + other, "{\"name\":\"renamed " + id + "\"}"), 409);
    assertProblem(api.put("/api/v1/queues/999999", "{\"name\":\"x\"}"), 404);
  }

  @Test
  void queue_members_are_replaced_and_unknown_agents_refused() {
    long queue = queue(null);
    long a = agent(null);
    long b = agent(null);
    Reply members =
        api.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + a + "," + b + "]}");
    assertThat(members.status()).as(members.toString()).isEqualTo(200);
    assertThat(members.json().getJsonArray("memberIds").toString())
        .isEqualTo("[" + a + "," + b + "]");
    assertThat(api.get("/api/v1/agents/" + a).json().getJsonArray("queueIds").toString())
        .isEqualTo("[" + queue + "]");
    api.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + b + "]}");
    assertThat(api.get("/api/v1/agents/" + a).json().getJsonArray("queueIds")).isEmpty();
    assertProblem(
        api.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + a + ",999999]}"),
        422,
        "agentIds");
    assertProblem(api.put("/api/v1/queues/" + queue + "/members", "{}"), 422, "agentIds");
  }

  @Test
  void agent_status_changes_and_nonsense_is_refused() {
    long agent = agent("America/New_York");
    Reply available = api.put("/api/v1/agents/" + agent + "/status", "{\"status\":\"AVAILABLE\"}");
    assertThat(available.status()).isEqualTo(200);
    assertThat(api.get("/api/v1/agents/" + agent).json().getString("status"))
        .isEqualTo("AVAILABLE");
    assertProblem(
        api.put("/api/v1/agents/" + agent + "/status", "{\"status\":\"ASLEEP\"}"), 400, "status");
    assertProblem(api.put("/api/v1/agents/" + agent + "/status", "{}"), 422, "status");
    assertProblem(api.put("/api/v1/agents/999999/status", "{\"status\":\"BUSY\"}"), 404);
    assertProblem(
        api.post("/api/v1/agents", "{\"name\":\"Z\",\"timeZone\":\"+02:00\"}"), 422, "timeZone");
  }

  @Test
  void interaction_with_unknown_type_queue_or_bad_number_is_refused() {
    long queue = queue(null);
    assertProblem(
        api.post(
            "/api/v1/interactions",
            "{\"mediaType\":\"FAX\",\"queueId\":"
                + queue
                + ",\"ani\":\"hello\",\"agentId\":999999}"),
        400,
        "mediaType",
        "ani");
    assertProblem(
        api.post("/api/v1/interactions", "{\"mediaType\":\"CALL\",\"queueId\":999999}"),
        422,
        "queueId");
  }

  // ---------------------------------------------------------------- scheduling from an interaction

  @ParameterizedTest
  @ValueSource(strings = {"CALL", "CALLBACK", "OUTBOUND", "VOICEMAIL"})
  void callback_can_be_scheduled_from_every_media_type_once(String mediaType) {
    long queue = queue(null);
    long interaction = interaction(mediaType, queue, "+33142685300", agent(null));
    Reply first = schedule(interaction, "{}");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().getJsonNumber("interactionId").longValue()).isEqualTo(interaction);
    assertProblem(schedule(interaction, "{}"), 409);
  }

  @Test
  void callback_with_defaults_calls_the_caller_back_in_thirty_minutes_on_the_same_queue() {
    long queue = queue(null);
    long agent = agent("Europe/Paris");
    long interaction = interaction("CALL", queue, "+33 1 42 68 53 00", agent);
    Instant before = Instant.now(clock);
    Reply reply = schedule(interaction, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonObject callback = reply.json();
    assertThat(reply.header("Location"))
        .hasValueSatisfying(
            l -> assertThat(l).endsWith("/api/v1/callbacks/" + callback.getInt("id")));
    assertThat(callback.getString("phoneNumber")).isEqualTo("+33142685300");
    assertThat(callback.getJsonNumber("queueId").longValue()).isEqualTo(queue);
    assertThat(callback.getString("timeZone")).isEqualTo("Europe/Paris");
    assertThat(callback.getString("state")).isEqualTo("SCHEDULED");
    Instant at = Instant.parse(callback.getString("scheduledAt"));
    assertThat(callback.getString("scheduledAt")).endsWith("Z");
    assertThat(at)
        .isAfter(before.plus(Duration.ofMinutes(29)))
        .isBefore(before.plus(Duration.ofMinutes(31)));
    assertThat(OffsetDateTime.parse(callback.getString("customerLocalTime")).toInstant())
        .isEqualTo(at);
    assertThat(callback.getJsonArray("attempts")).isEmpty();
    assertThat(events(callback)).containsExactly("SCHEDULED");

    JsonObject read = api.get("/api/v1/callbacks/" + callback.getInt("id")).json();
    assertThat(read.getString("scheduledAt")).isEqualTo(callback.getString("scheduledAt"));
    assertThat(read.getJsonArray("history")).hasSize(1);
  }

  @Test
  void customer_zone_is_used_for_the_typed_time_and_both_local_times_are_shown() {
    long queue = queue(null);
    long agent = agent("Europe/Paris");
    long interaction = interaction("CALL", queue, "+12125550100", agent);
    ZoneId newYork = ZoneId.of("America/New_York");
    LocalDate day = LocalDate.now(clock.withZone(newYork)).plusDays(3);
    Reply reply =
        schedule(
            interaction,
            "{\"date\":\"" + day + "\",\"time\":\"14:00\",\"timeZone\":\"America/New_York\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonObject callback = reply.json();
    Instant expected = ZonedDateTime.of(day.atTime(14, 0), newYork).toInstant();
    assertThat(Instant.parse(callback.getString("scheduledAt"))).isEqualTo(expected);
    assertThat(callback.getString("customerLocalTime")).contains(day + "T14:00");
    assertThat(OffsetDateTime.parse(callback.getString("customerLocalTime")))
        .isEqualTo(expected.atZone(newYork).toOffsetDateTime());
    assertThat(callback.getString("agentTimeZone")).isEqualTo("Europe/Paris");
    assertThat(OffsetDateTime.parse(callback.getString("agentLocalTime")))
        .isEqualTo(expected.atZone(ZoneId.of("Europe/Paris")).toOffsetDateTime());
  }

  @Test
  void callback_more_than_thirty_days_ahead_or_in_the_past_is_refused() {
    long queue = queue(null);
    long interaction = interaction("CALL", queue, "+33142685300", agent("Europe/Paris"));
    ZoneId paris = ZoneId.of("Europe/Paris");
    LocalDate tooFar = LocalDate.now(clock.withZone(paris)).plusDays(31);
    assertProblem(schedule(interaction, "{\"date\":\"" + tooFar + "\"}"), 422, "date");
    LocalDateTime past = LocalDateTime.now(clock.withZone(paris)).minusHours(2);
    assertProblem(
        schedule(
            interaction,
            "{\"date\":\"" + past.toLocalDate() + "\",\"time\":\"" + past.format(HH_MM) + "\"}"),
        422,
        "date");
    // nothing was stored: the interaction can still get its callback
    assertThat(schedule(interaction, "{}").status()).isEqualTo(201);
  }

  @Test
  void malformed_input_gets_a_problem_naming_each_field() {
    long queue = queue(null);
    long interaction = interaction("VOICEMAIL", queue, null, null);
    assertProblem(
        schedule(
            interaction,
            "{\"date\":\"2026-02-30\",\"time\":\"7pm\",\"timeZone\":\"Mars/Olympus\","
                + "\"phoneNumber\":\"12\"}"),
        422,
        "date",
        "time",
        "timeZone",
        "phoneNumber");
    assertProblem(schedule(interaction, "{}"), 422, "phoneNumber"); // no ANI, no number
    assertProblem(
        schedule(interaction, "{\"routeToMe\":true,\"phoneNumber\":\"+33142685300\"}"),
        422,
        "routeToMe");
    assertProblem(schedule(interaction, "{\"date\": "), 400);
    assertProblem(schedule(interaction, "{\"queueId\":\"first\"}"), 400);
    assertProblem(schedule(interaction, "[1,2]"), 400);
    assertProblem(schedule(999999, "{}"), 404);
  }

  @Test
  void another_queue_only_when_the_policy_lets_agents_choose() {
    long strict = queue(null);
    long open = queue("{\"agentQueueSelection\":true}");
    long target = queue(null);
    long agent = agent(null);
    assertProblem(
        schedule(
            interaction("CALL", strict, "+33142685300", agent), "{\"queueId\":" + target + "}"),
        422,
        "queueId");
    Reply moved =
        schedule(interaction("CALL", open, "+33142685300", agent), "{\"queueId\":" + target + "}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
    assertThat(moved.json().getJsonNumber("queueId").longValue()).isEqualTo(target);
    assertProblem(
        schedule(interaction("CALL", open, "+33142685300", agent), "{\"queueId\":999999}"),
        422,
        "queueId");
  }

  @Test
  void route_to_me_prefers_the_agent_on_the_interaction() {
    long queue = queue(null);
    long agent = agent(null);
    Reply reply =
        schedule(interaction("CALL", queue, "+33142685300", agent), "{\"routeToMe\":true}");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().getJsonNumber("preferredAgentId").longValue()).isEqualTo(agent);
    assertThat(reply.json().isNull("ownerAgentId")).isTrue();
  }

  @Test
  void ownership_only_where_the_queue_allows_it_and_within_its_limits() {
    long agent = agent("UTC");
    long closed = queue(null);
    assertProblem(
        schedule(interaction("CALL", closed, "+33142685300", agent), "{\"takeOwnership\":true}"),
        422,
        "takeOwnership");

    long owned =
        queue(
            "{\"ownedCallbacks\":{\"enabled\":true,\"maxScheduleAheadHours\":24,"
                + "\"ownershipHours\":2,\"assignToQueueOnExpiry\":false}}");
    LocalDate farDay = LocalDate.now(clock.withZone(ZoneId.of("UTC"))).plusDays(3);
    assertProblem(
        schedule(
            interaction("CALL", owned, "+33142685300", agent),
            "{\"takeOwnership\":true,\"date\":\"" + farDay + "\",\"time\":\"10:00\"}"),
        422,
        "takeOwnership");

    Reply ok =
        schedule(interaction("CALL", owned, "+33142685300", agent), "{\"takeOwnership\":true}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    JsonObject callback = ok.json();
    assertThat(callback.getJsonNumber("ownerAgentId").longValue()).isEqualTo(agent);
    Instant at = Instant.parse(callback.getString("scheduledAt"));
    assertThat(Instant.parse(callback.getString("ownershipExpiresAt")))
        .isEqualTo(at.plus(Duration.ofHours(2)));
  }

  // ---------------------------------------------------------------- integrations

  @Test
  void integration_callback_without_a_time_is_due_now_with_its_caller_id() {
    long queue = queue(null);
    long preferred = agent(null);
    Instant before = Instant.now(clock);
    Reply reply =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\"+1 (212) 555-0100\",\"customerName\":\"Ada Lovelace\","
                + "\"callerId\":\"+33 1 42 68 53 00\",\"callerIdName\":\"Rappel Demo\","
                + "\"preferredAgentId\":"
                + preferred
                + ",\"timeZone\":\"America/New_York\",\"data\":{\"ticket\":\"T-42\"}}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonObject callback = reply.json();
    assertThat(reply.header("Location"))
        .hasValueSatisfying(
            l -> assertThat(l).endsWith("/api/v1/callbacks/" + callback.getInt("id")));
    assertThat(callback.getString("phoneNumber")).isEqualTo("+12125550100");
    assertThat(callback.getString("callerId")).isEqualTo("+33142685300");
    assertThat(callback.getString("callerIdName")).isEqualTo("Rappel Demo");
    assertThat(callback.getString("customerName")).isEqualTo("Ada Lovelace");
    assertThat(callback.isNull("interactionId")).isTrue();
    assertThat(callback.getJsonNumber("preferredAgentId").longValue()).isEqualTo(preferred);
    assertThat(callback.getJsonObject("data").getString("ticket")).isEqualTo("T-42");
    Instant at = Instant.parse(callback.getString("scheduledAt"));
    assertThat(at).isBetween(before.minusSeconds(1), Instant.now(clock).plusSeconds(1));
  }

  @Test
  void integration_callback_at_a_given_instant_keeps_it_exactly() {
    long queue = queue(null);
    OffsetDateTime at =
        OffsetDateTime.now(clock)
            .plusDays(2)
            .withNano(0)
            .withOffsetSameInstant(java.time.ZoneOffset.ofHours(2));
    Reply reply =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"Bob\",\"scheduledAt\":\""
                + at
                + "\",\"timeZone\":\"Europe/Paris\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(Instant.parse(reply.json().getString("scheduledAt"))).isEqualTo(at.toInstant());
  }

  @Test
  void integration_callback_with_bad_fields_lists_them_all() {
    assertProblem(
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":999999,\"phoneNumber\":\"+999\",\"scheduledAt\":\"tomorrow\","
                + "\"callerId\":\"abc\",\"timeZone\":\"Nowhere/City\"}"),
        422,
        "phoneNumber",
        "scheduledAt",
        "callerId",
        "timeZone");
    long queue = queue(null);
    assertProblem(
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\"+33142685300\",\"preferredAgentId\":999999}"),
        422,
        "preferredAgentId");
    assertProblem(
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"Far\",\"scheduledAt\":\""
                + OffsetDateTime.now(clock).plusDays(31)
                + "\"}"),
        422,
        "scheduledAt");
    assertProblem(
        api.post(
            "/api/v1/callbacks", "{\"queueId\":" + queue + ",\"phoneNumber\":\"+33142685300\"}"),
        422,
        "customerName");
    assertProblem(api.post("/api/v1/callbacks", "{\"queueId\":true}"), 400);
    assertProblem(api.post("/api/v1/callbacks", ""), 400);
  }

  // ---------------------------------------------------------------- supervisor list

  @Test
  void list_filters_by_queue_state_agent_time_and_number_with_paging() {
    long queue = queue(null);
    long agent = agent(null);
    for (int i = 0; i < 5; i++) {
      long interaction = interaction("CALL", queue, "+3314268530" + i, agent);
      LocalDate day = LocalDate.now(clock.withZone(ZoneId.of("UTC"))).plusDays(i + 1);
      assertThat(
              schedule(
                      interaction,
                      "{\"date\":\""
                          + day
                          + "\",\"time\":\"09:00\",\"timeZone\":\"UTC\""
                          + (i == 0 ? ",\"routeToMe\":true" : "")
                          + "}")
                  .status())
          .isEqualTo(201);
    }
    JsonObject page = api.get("/api/v1/callbacks?queueId=" + queue + "&size=2&page=1").json();
    assertThat(page.getInt("total")).isEqualTo(5);
    assertThat(page.getBoolean("totalExact")).isTrue();
    List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
    assertThat(items).hasSize(2);
    assertThat(items.get(0).getString("phoneNumber")).isEqualTo("+33142685302");
    assertThat(items.get(0).containsKey("history")).isFalse();

    Instant from =
        ZonedDateTime.of(
                LocalDate.now(clock.withZone(ZoneId.of("UTC"))).plusDays(2).atTime(0, 0),
                ZoneId.of("UTC"))
            .toInstant();
    Instant to = from.plus(Duration.ofDays(2));
    JsonObject window =
        api.get("/api/v1/callbacks?queueId=" + queue + "&from=" + from + "&to=" + to).json();
    assertThat(window.getInt("total")).isEqualTo(2);

    assertThat(
            api.get("/api/v1/callbacks?agentId=" + agent + "&state=SCHEDULED")
                .json()
                .getInt("total"))
        .isEqualTo(5);
    assertThat(
            api.get("/api/v1/callbacks?queueId=" + queue + "&phoneNumber=%2B33142685304")
                .json()
                .getInt("total"))
        .isEqualTo(1);
    assertThat(
            api.get("/api/v1/callbacks?queueId=" + queue + "&state=CANCELED,EXPIRED")
                .json()
                .getInt("total"))
        .isZero();

    assertProblem(
        api.get("/api/v1/callbacks?state=LOST&queueId=x&from=soon&size=0&page=-1"),
        400,
        "state",
        "queueId",
        "from",
        "size",
        "page");
  }

  @Test
  void list_time_range_must_end_after_it_starts() {
    Instant at = Instant.parse("2026-12-01T09:00:00Z");

    assertProblem(api.get("/api/v1/callbacks?from=" + at + "&to=" + at), 422, "to");
    assertProblem(
        api.get("/api/v1/callbacks?from=" + at + "&to=" + at.minusSeconds(60)), 422, "to");
    assertThat(api.get("/api/v1/callbacks?from=" + at + "&to=" + at.plusSeconds(1)).status())
        .isEqualTo(200);
  }

  // ---------------------------------------------------------------- changes

  @Test
  void reschedule_and_reassign_follow_the_rules_and_are_recorded() {
    long queue =
        queue(
            "{\"ownedCallbacks\":{\"enabled\":true,\"maxScheduleAheadHours\":720,\"ownershipHours\":4}}");
    long other = queue(null);
    long agent = agent(null);
    long owner = agent(null);
    long id = schedule(interaction("CALL", queue, "+33142685300", agent), "{}").id();

    OffsetDateTime newTime = OffsetDateTime.now(clock).plusDays(5).withNano(0);
    Reply moved =
        api.patch(
            "/api/v1/callbacks/" + id,
            "{\"scheduledAt\":\""
                + newTime
                + "\",\"timeZone\":\"Asia/Tokyo\",\"ownerAgentId\":"
                + owner
                + "}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    JsonObject callback = moved.json();
    assertThat(Instant.parse(callback.getString("scheduledAt"))).isEqualTo(newTime.toInstant());
    assertThat(callback.getString("timeZone")).isEqualTo("Asia/Tokyo");
    assertThat(callback.getString("customerLocalTime")).endsWith("+09:00");
    assertThat(callback.getJsonNumber("ownerAgentId").longValue()).isEqualTo(owner);
    assertThat(Instant.parse(callback.getString("ownershipExpiresAt")))
        .isEqualTo(newTime.toInstant().plus(Duration.ofHours(4)));
    assertThat(events(callback)).containsExactly("SCHEDULED", "RESCHEDULED", "OWNER_CHANGED");

    // an owned callback cannot go to a queue without owned callbacks, unless released at once
    assertProblem(
        api.patch("/api/v1/callbacks/" + id, "{\"queueId\":" + other + "}"), 422, "queueId");
    Reply released =
        api.patch("/api/v1/callbacks/" + id, "{\"queueId\":" + other + ",\"ownerAgentId\":null}");
    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    assertThat(released.json().isNull("ownerAgentId")).isTrue();
    assertThat(released.json().getJsonNumber("queueId").longValue()).isEqualTo(other);
    assertThat(events(released.json())).endsWith("OWNERSHIP_RELEASED", "QUEUE_CHANGED");

    assertProblem(
        api.patch(
            "/api/v1/callbacks/" + id,
            "{\"scheduledAt\":\"" + OffsetDateTime.now(clock).plusDays(40) + "\"}"),
        422,
        "scheduledAt");
    assertProblem(
        api.patch(
            "/api/v1/callbacks/" + id,
            "{\"scheduledAt\":\"" + OffsetDateTime.now(clock).minusMinutes(5) + "\"}"),
        422,
        "scheduledAt");
    assertProblem(api.patch("/api/v1/callbacks/" + id, "{\"queueId\":\"other\"}"), 400);
    assertProblem(
        api.patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":999999}"), 422, "ownerAgentId");
    assertProblem(api.patch("/api/v1/callbacks/999999", "{}"), 404);
    // the refused changes changed nothing
    JsonObject after = api.get("/api/v1/callbacks/" + id).json();
    assertThat(Instant.parse(after.getString("scheduledAt"))).isEqualTo(newTime.toInstant());
  }

  @Test
  void canceled_callback_is_final() {
    long queue = queue(null);
    long id = schedule(interaction("OUTBOUND", queue, "+33142685300", agent(null)), "{}").id();
    Reply canceled = api.post("/api/v1/callbacks/" + id + "/cancel", null);
    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
    assertThat(canceled.json().getString("state")).isEqualTo("CANCELED");
    assertThat(events(canceled.json())).containsExactly("SCHEDULED", "CANCELED");
    assertProblem(api.post("/api/v1/callbacks/" + id + "/cancel", null), 409);
    assertProblem(
        api.patch(
            "/api/v1/callbacks/" + id,
            "{\"scheduledAt\":\"" + OffsetDateTime.now(clock).plusDays(1) + "\"}"),
        409);
    assertProblem(api.post("/api/v1/callbacks/999999/cancel", null), 404);
    assertThat(
            api.get("/api/v1/callbacks/" + id)
                .json()
                .getJsonArray("history")
                .getValuesAs(JsonObject.class)
                .get(1)
                .get("actor"))
        .isInstanceOf(JsonString.class);
  }

  // ---------------------------------------------------------------- optimistic concurrency

  private Reply patchIfMatch(long id, String json, String etag) {
    return api.send(
        "PATCH", "/api/v1/callbacks/" + id, json, "application/json", Map.of("If-Match", etag));
  }

  private static String etag(Reply reply) {
    return reply.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + reply));
  }

  private static String at(OffsetDateTime time) {
    return "{\"scheduledAt\":\"" + time + "\"}";
  }

  @Test
  void a_callback_carries_its_version_as_an_etag_that_every_change_renews() {
    long id = schedule(interaction("CALL", queue(null), "+33142685300", agent(null)), "{}").id();
    Reply read = api.get("/api/v1/callbacks/" + id);
    assertThat(etag(read)).matches("\"\\d+\"");
    assertThat(etag(api.get("/api/v1/callbacks/" + id))).isEqualTo(etag(read));

    Reply moved =
        patchIfMatch(id, at(OffsetDateTime.now(clock).plusDays(2).withNano(0)), etag(read));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(etag(moved)).isNotEqualTo(etag(read));
    assertThat(etag(api.get("/api/v1/callbacks/" + id))).isEqualTo(etag(moved));

    Reply canceled =
        api.send(
            "POST",
            "/api/v1/callbacks/" + id + "/cancel",
            null,
            "application/json",
            Map.of("If-Match", etag(moved)));
    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
    assertThat(etag(canceled)).isNotEqualTo(etag(moved));
    assertThat(etag(api.get("/api/v1/callbacks/" + id))).isEqualTo(etag(canceled));
  }

  @Test
  void a_change_on_a_stale_version_fails_its_precondition_and_changes_nothing() {
    long id = schedule(interaction("CALL", queue(null), "+33142685300", agent(null)), "{}").id();
    String stale = etag(api.get("/api/v1/callbacks/" + id));
    OffsetDateTime first = OffsetDateTime.now(clock).plusDays(3).withNano(0);
    Reply moved = api.patch("/api/v1/callbacks/" + id, at(first)); // someone else, no If-Match
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

    Reply late = patchIfMatch(id, at(first.plusHours(1)), stale);
    assertProblem(late, 412);
    assertThat(late.json().getString("type")).isEqualTo("urn:rappel:problem:precondition-failed");
    Reply lateCancel =
        api.send(
            "POST",
            "/api/v1/callbacks/" + id + "/cancel",
            null,
            "application/json",
            Map.of("If-Match", stale));
    assertProblem(lateCancel, 412);
    assertProblem(patchIfMatch(id, at(first.plusHours(1)), "yesterday"), 422, "If-Match");

    Reply after = api.get("/api/v1/callbacks/" + id);
    assertThat(Instant.parse(after.json().getString("scheduledAt"))).isEqualTo(first.toInstant());
    assertThat(after.json().getString("state")).isEqualTo("SCHEDULED");
    assertThat(events(after.json())).containsExactly("SCHEDULED", "RESCHEDULED");
    assertThat(etag(after)).isEqualTo(etag(moved));
  }

  @Test
  void concurrent_changes_of_one_callback_are_refused_or_applied_and_the_last_applied_stays()
      throws Exception {
    long id = schedule(interaction("CALL", queue(null), "+33142685300", agent(null)), "{}").id();
    String read = etag(api.get("/api/v1/callbacks/" + id));
    OffsetDateTime base = OffsetDateTime.now(clock).plusDays(4).withNano(0);
    List<Callable<Reply>> changes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String body = at(base.plusMinutes(i));
      boolean withIfMatch = i % 2 == 0;
      changes.add(
          () ->
              withIfMatch
                  ? patchIfMatch(id, body, read)
                  : api.patch("/api/v1/callbacks/" + id, body));
    }
    List<Reply> accepted = new ArrayList<>();
    for (Reply reply : Api.atOnce(changes)) {
      assertThat(reply.status()).as(reply.toString()).isIn(200, 409, 412);
      if (reply.status() == 200) {
        accepted.add(reply);
      } else {
        assertProblem(reply, reply.status());
      }
    }
    assertThat(accepted).isNotEmpty();
    // the accepted change with the highest version committed last: it is what stays
    Reply last =
        accepted.stream()
            .max(Comparator.comparingLong(reply -> Long.parseLong(etag(reply).replace("\"", ""))))
            .orElseThrow();
    Reply after = api.get("/api/v1/callbacks/" + id);
    assertThat(after.json().getString("scheduledAt"))
        .isEqualTo(last.json().getString("scheduledAt"));
    assertThat(etag(after)).isEqualTo(etag(last));
    assertThat(events(after.json()).stream().filter("RESCHEDULED"::equals).count())
        .as("one history entry per accepted change")
        .isEqualTo(accepted.size());
  }

  // ---------------------------------------------------------------- cross-site safety and limits

  @Test
  void a_forged_cross_site_form_post_is_refused_and_changes_nothing() {
    long id = schedule(interaction("CALL", queue(null), "+33142685300", agent(null)), "{}").id();
    // what <form enctype="text/plain" method="post"> on another site sends, with the user's
    // cached credentials
    Reply forged =
        api.send(
            "POST",
            "/api/v1/callbacks/" + id + "/cancel",
            "x=",
            "text/plain",
            Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
    assertProblem(forged, 415);
    Reply urlencoded =
        api.send(
            "POST", "/api/v1/callbacks/" + id + "/cancel", "", "application/x-www-form-urlencoded");
    assertProblem(urlencoded, 415);
    // an empty POST is what fetch(no-cors) or sendBeacon can send: refused when a browser sent it
    Reply beacon =
        api.send(
            "POST",
            "/api/v1/callbacks/" + id + "/cancel",
            null,
            null,
            Map.of("Origin", "https://evil.example"));
    assertProblem(beacon, 415);
    JsonObject after = api.get("/api/v1/callbacks/" + id).json();
    assertThat(after.getString("state")).isEqualTo("SCHEDULED");
    assertThat(events(after)).containsExactly("SCHEDULED");
    // JSON, even an empty object, is how a script cancels
    Reply canceled = api.post("/api/v1/callbacks/" + id + "/cancel", "{}");
    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
  }

  @Test
  void a_body_above_64_kib_is_refused_before_it_is_read() throws Exception {
    long queue = queue(null);
    String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
    Reply declared = api.put("/api/v1/queues/" + queue, huge);
    assertProblem(declared, 413);
    // the same without a declared length (chunked) is cut off while read
    var chunked =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(api.server().resolve("api/v1/agents"))
                    .header("Authorization", adminBasic())
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () ->
                                new java.io.ByteArrayInputStream(
                                    huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertProblem(new Reply(chunked), 413);
    // a body within the limit still works
    Reply small = api.post("/api/v1/agents", "{\"name\":\"" + "y".repeat(100) + "\"}");
    assertThat(small.status()).as(small.toString()).isEqualTo(201);
  }

  private static String adminBasic() {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                ("admin:" + Api.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void the_sixth_event_stream_of_one_user_is_refused_until_one_closes() throws Exception {
    String name = "watcher-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        api.post(
            "/api/v1/users",
            "{\"username\":\""
                + name
                + "\",\"password\":\"a long test password\",\"roles\":[\"SUPERVISOR\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String auth =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(
                    (name + ":a long test password")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var http = java.net.http.HttpClient.newHttpClient();
    var request =
        java.net.http.HttpRequest.newBuilder(api.server().resolve("api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", auth)
            .build();
    List<java.io.InputStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        var stream = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        open.add(stream.body());
      }
      Reply sixth = api.withAuthorization(auth).get("/api/v1/events");
      assertProblem(sixth, 429);
      assertThat(sixth.header("Retry-After"))
          .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
      // another user is not counted against this one
      assertThat(api.streamStatus("/api/v1/events")).isEqualTo(200);
    } finally {
      for (var in : open) {
        in.close();
      }
    }
  }
}
