package dev.rappel.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.rappel.testing.Api;
import dev.rappel.testing.PayaraProcess;
import dev.rappel.testing.StandardWebhooks;
import dev.rappel.testing.TestDatabase;
import dev.rappel.testing.TestRuns;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The faults of a real contact center, each on servers of its own: the server killed ({@code kill
 * -9}) in the middle of work and started again on the same database, and a telephony platform that
 * is down for a while. Each scenario prints its counts (lost, twice, early, stuck) for {@code
 * docs/reliability.md} and requires them to be zero.
 */
class FaultSuiteIT {
  private static final String ADMIN_PASSWORD = "fault-suite-admin-password";

  private static List<String> options(Path dir, String... more) {
    List<String> options = new ArrayList<>();
    options.addAll(TestDatabase.freshServerOptions(dir));
    options.add("-Drappel.admin.password=" + ADMIN_PASSWORD);
    options.add("-Drappel.time-zone=UTC");
    options.addAll(List.of(more));
    return options;
  }

  private static void report(String scenario, Map<String, ?> counts) {
    System.out.println("FAULT-SUITE " + scenario + " " + counts);
  }

  // ------------------------------------------------------------------ kill -9 during creates

  @Test
  void every_acknowledged_create_survives_a_kill_during_sixteen_concurrent_creates()
      throws Exception {
    Path dir = PayaraProcess.workDir("fault-creates");
    List<String> options = options(dir);
    Path log = dir.resolve("server.log");
    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start().as("admin", ADMIN_PASSWORD);
      long queue = api.post("/api/v1/queues", "{\"name\":\"Creates\"}").id();
      String at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString();
      AtomicBoolean killed = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<?>> running = new ArrayList<>();
      AtomicInteger sequence = new AtomicInteger();
      for (int client = 0; client < 16; client++) {
        running.add(
            clients.submit(
                () -> {
                  while (!killed.get()) {
                    String number = String.format("+1212555%04d", sequence.incrementAndGet());
                    try {
                      Api.Reply reply =
                          api.post(
                              "/api/v1/callbacks",
                              "{\"queueId\":"
                                  + queue
                                  + ",\"customerName\":\"Concurrent\",\"phoneNumber\":\""
                                  + number
                                  + "\",\"scheduledAt\":\""
                                  + at
                                  + "\"}");
                      if (reply.status() == 201) {
                        acknowledged.put(reply.id(), number);
                      } else {
                        refused.incrementAndGet();
                      }
                    } catch (RuntimeException connectionLost) {
                      return;
                    }
                  }
                }));
      }
      Thread.sleep(4000);
      server.kill();
      killed.set(true);
      for (Future<?> client : running) {
        client.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();
    }
    assertThat(acknowledged).as("creates acknowledged before the kill").isNotEmpty();

    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start().as("admin", ADMIN_PASSWORD);
      List<Long> lost =
          acknowledged.entrySet().stream()
              .filter(
                  created -> {
                    Api.Reply read = api.get("/api/v1/callbacks/" + created.getKey());
                    return read.status() != 200
                        || !read.json().getString("phoneNumber").equals(created.getValue());
                  })
              .map(Map.Entry::getKey)
              .toList();
      report(
          "creates",
          Map.of(
              "acknowledged", acknowledged.size(), "refused", refused.get(), "lost", lost.size()));
      assertThat(lost).as("acknowledged creates missing after the restart").isEmpty();
    }
  }

  // ------------------------------------------------------------------ kill -9 during a burst

  // on PostgreSQL ClusterIT kills a node mid-burst, with the other node taking over
  @Test
  @Tag(TestRuns.DERBY_ONLY)
  void a_burst_interrupted_by_a_kill_is_delivered_after_start_once_and_never_early()
      throws Exception {
    int burst = 2000;
    Path dir = PayaraProcess.workDir("fault-burst");
    List<String> options = options(dir);
    Path log = dir.resolve("server.log");
    Instant due;
    Instant kill;
    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start().as("admin", ADMIN_PASSWORD);
      // no agents: delivered callbacks stay QUEUED, so each delivery is one QUEUED step
      long queue = api.post("/api/v1/queues", "{\"name\":\"Burst\"}").id();
      due = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<Integer>> created = new ArrayList<>();
      for (int client = 0; client < 8; client++) {
        int first = client;
        created.add(
            clients.submit(
                () -> {
                  int ok = 0;
                  for (int i = first; i < burst; i += 8) {
                    // spread over one second: due, due + 0.5 ms, ...
                    Instant at = due.plusNanos(i * 500_000L);
                    String body =
                        "{\"queueId\":"
                            + queue
                            + ",\"customerName\":\"Burst\",\"phoneNumber\":\"+1212556"
                            + String.format("%04d", i)
                            + "\",\"scheduledAt\":\""
                            + at
                            + "\"}";
                    Api.Reply reply = api.post("/api/v1/callbacks", body);
                    // a database too busy to take the write says so (503, nothing saved): retry
                    for (int retry = 0; reply.status() == 503 && retry < 20; retry++) {
                      Thread.sleep(100);
                      reply = api.post("/api/v1/callbacks", body);
                    }
                    if (reply.status() == 201) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      int total = 0;
      for (Future<Integer> client : created) {
        total += client.get(120, TimeUnit.SECONDS);
      }
      clients.shutdown();
      assertThat(total).as("callbacks created before their time").isEqualTo(burst);
      assertThat(Instant.now()).as("all created before the burst").isBefore(due);
      // kill in the middle of the burst: some delivered, some not yet
      while (Instant.now().isBefore(due.plusMillis(400))) {
        Thread.sleep(10);
      }
      kill = Instant.now();
      server.kill();
    }
    Counts before = counts(dir, due);

    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start().as("admin", ADMIN_PASSWORD);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  api.get("/api/v1/callbacks?state=SCHEDULED&size=1").json().getInt("total") == 0);
      server.stop();
    }
    Counts after = counts(dir, due);
    report(
        "burst",
        Map.of(
            "callbacks",
            burst,
            "deliveredBeforeKill",
            before.delivered(),
            "killedAfterMs",
            Duration.between(due, kill).toMillis(),
            "undelivered",
            after.undelivered(),
            "twice",
            after.twice(),
            "early",
            after.early()));
    assertThat(after.undelivered()).as("undelivered").isZero();
    assertThat(after.twice()).as("delivered twice").isZero();
    assertThat(after.early()).as("delivered early").isZero();
    assertThat(after.delivered()).isEqualTo(burst);
  }

  record Counts(long delivered, long undelivered, long twice, long early) {}

  /** Reads a stopped server's database directly (a live one's too, on PostgreSQL). */
  private static Counts counts(Path dir, Instant due) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      return new Counts(
          single(
              sql, "SELECT COUNT(DISTINCT callback_id) FROM callback_event WHERE event = 'QUEUED'"),
          single(sql, "SELECT COUNT(*) FROM callback WHERE state = 'SCHEDULED'"),
          single(
              sql,
              "SELECT COUNT(*) FROM (SELECT callback_id FROM callback_event WHERE event = 'QUEUED'"
                  + " GROUP BY callback_id HAVING COUNT(*) > 1) twice"),
          single(
              sql,
              "SELECT COUNT(*) FROM callback_event e JOIN callback c ON c.id = e.callback_id"
                  + " WHERE e.event = 'QUEUED' AND e.occurred_at < c.scheduled_at"));
    } finally {
      TestDatabase.release(dir.resolve("data"));
    }
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  // ------------------------------------------------------------------ telephony down

  /** A telephony platform that answers 503 until it is up, then takes each dial request. */
  static final class Platform implements AutoCloseable {
    private final HttpServer server;
    volatile boolean up;
    final AtomicInteger refused = new AtomicInteger();
    final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();

    Platform() throws Exception {
      server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
      server.createContext(
          "/dial",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String dialId = headers.getFirst("X-Rappel-Dial-Id");
            if (!StandardWebhooks.verifies(
                StandardWebhooks.IT_SECRET,
                headers.getFirst("webhook-id"),
                headers.getFirst("webhook-timestamp"),
                body,
                headers.getFirst("webhook-signature"))) {
              // a platform that checks signatures refuses for good: the attempt ends NOT_DIALED
              exchange.sendResponseHeaders(401, -1);
            } else if (up) {
              taken.computeIfAbsent(dialId, id -> new AtomicInteger()).incrementAndGet();
              exchange.sendResponseHeaders(202, -1);
            } else {
              refused.incrementAndGet();
              exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://localhost:" + server.getAddress().getPort() + "/dial";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  // the dial outbox retries the same way on either database
  @Test
  @Tag(TestRuns.DERBY_ONLY)
  void a_telephony_platform_down_for_thirty_seconds_fails_no_callback_and_dials_each_once()
      throws Exception {
    int callbacks = 6;
    Path dir = PayaraProcess.workDir("fault-telephony");
    try (Platform platform = new Platform()) {
      List<String> options =
          options(
              dir,
              "-Drappel.dialer=webhook",
              "-Drappel.dialer.webhook.url=" + platform.url(),
              "-Drappel.dialer.webhook.secret=" + StandardWebhooks.IT_SECRET);
      try (PayaraProcess server = new PayaraProcess(dir.resolve("server.log"), options)) {
        Api api = server.start().as("admin", ADMIN_PASSWORD);
        long queue =
            api.post(
                    "/api/v1/queues",
                    "{\"name\":\"Telephony\",\"callbackSettings\":{\"mode\":\"CUSTOMER_FIRST\"}}")
                .id();
        List<Long> agents =
            IntStream.range(0, callbacks)
                .mapToObj(
                    i ->
                        api.post(
                                "/api/v1/agents",
                                "{\"name\":\"A" + i + "\",\"status\":\"AVAILABLE\"}")
                            .id())
                .toList();
        api.put(
            "/api/v1/queues/" + queue + "/members",
            "{\"agentIds\":" + agents.toString().replace(" ", "") + "}");
        Instant down = Instant.now();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < callbacks; i++) {
          ids.add(
              api.post(
                      "/api/v1/callbacks",
                      "{\"queueId\":"
                          + queue
                          + ",\"customerName\":\"Telephony\",\"phoneNumber\":\"+1212557000"
                          + i
                          + "\",\"scheduledAt\":\""
                          + Instant.now().plusSeconds(1)
                          + "\"}")
                  .id());
        }
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> ids.stream().allMatch(id -> state(api, id).equals("DIALING")));
        while (Instant.now().isBefore(down.plusSeconds(30))) {
          Thread.sleep(200);
        }
        platform.up = true;
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> ids.stream().allMatch(id -> dialedAt(api, id) != null));

        Set<String> dialIds = new java.util.HashSet<>();
        long failed = 0;
        for (long id : ids) {
          JsonObject callback = api.get("/api/v1/callbacks/" + id).json();
          if (callback.getString("state").equals("FAILED")) {
            failed++;
          }
          callback.getJsonArray("attempts").getValuesAs(JsonObject.class).stream()
              .map(a -> a.getString("dialId"))
              .forEach(dialIds::add);
        }
        long twice = platform.taken.values().stream().filter(n -> n.get() > 1).count();
        report(
            "telephony-down-30s",
            Map.of(
                "callbacks",
                callbacks,
                "refusedWhileDown",
                platform.refused.get(),
                "failed",
                failed,
                "dialled",
                platform.taken.size(),
                "takenTwice",
                twice));
        assertThat(failed).as("callbacks FAILED because the platform was down").isZero();
        assertThat(platform.refused.get()).as("tries while the platform was down").isPositive();
        assertThat(dialIds).as("one attempt each").hasSize(callbacks);
        assertThat(platform.taken.keySet()).isEqualTo(dialIds);
        assertThat(twice).as("dial ids taken more than once").isZero();
      }
    }
  }

  // ------------------------------------------------------------------ kill -9 mid-delivery

  // EngineIT runs the recovery queries on PostgreSQL; what the kill adds does not depend on it
  @Test
  @Tag(TestRuns.DERBY_ONLY)
  void callbacks_offered_reserved_or_dialling_at_a_kill_make_progress_after_start()
      throws Exception {
    Path dir = PayaraProcess.workDir("fault-states");
    Path log = dir.resolve("server.log");
    try (Platform platform = new Platform()) {
      List<String> options =
          options(
              dir,
              "-Drappel.dialer=webhook",
              "-Drappel.dialer.webhook.url=" + platform.url(),
              "-Drappel.dialer.webhook.secret=" + StandardWebhooks.IT_SECRET);
      long offered;
      long dialling;
      long reserved;
      long reservedAgent;
      try (PayaraProcess server = new PayaraProcess(log, options)) {
        Api api = server.start().as("admin", ADMIN_PASSWORD);
        // agent first, two agents: the offer goes to one of them, who never answers
        long agentFirst =
            api.post(
                    "/api/v1/queues",
                    "{\"name\":\"Offers\",\"callbackSettings\":{\"offerTimeoutSeconds\":10}}")
                .id();
        members(api, agentFirst, agent(api, "AVAILABLE"), agent(api, "AVAILABLE"));
        offered = callbackDueNow(api, agentFirst);
        // customer first with the platform down: the dial request waits in the outbox
        long customerFirst = customerFirstQueue(api, "Dials");
        members(api, customerFirst, agent(api, "AVAILABLE"));
        dialling = callbackDueNow(api, customerFirst);
        // customer first whose only agent is off queue: waits QUEUED until the crash point below
        long reserving = customerFirstQueue(api, "Reservations");
        reservedAgent = agent(api, "OFF_QUEUE");
        members(api, reserving, reservedAgent);
        reserved = callbackDueNow(api, reserving);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    state(api, offered).equals("OFFERED")
                        && state(api, dialling).equals("DIALING")
                        && state(api, reserved).equals("QUEUED"));
        server.kill();
      }
      // the moment between the reservation's commit and its dial (a separate transaction):
      // written as the engine writes it, since a kill cannot be aimed at it
      crashAfterReserving(dir, reserved, reservedAgent);
      platform.up = true;

      try (PayaraProcess server = new PayaraProcess(log, options)) {
        Api api = server.start().as("admin", ADMIN_PASSWORD);
        Instant started = Instant.now();
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    events(api, offered).contains("OFFER_TIMED_OUT")
                        && dialedAt(api, dialling) != null
                        && dialedAt(api, reserved) != null);
        long stuck =
            (events(api, offered).contains("OFFER_TIMED_OUT") ? 0 : 1)
                + (dialedAt(api, dialling) == null ? 1 : 0)
                + (dialedAt(api, reserved) == null ? 1 : 0);
        long twice = platform.taken.values().stream().filter(n -> n.get() > 1).count();
        report(
            "offered-reserved-dialling",
            Map.of(
                "stuck",
                stuck,
                "secondsToProgress",
                Duration.between(started, Instant.now()).toSeconds(),
                "offerNowWith",
                state(api, offered),
                "takenTwice",
                twice));
        assertThat(stuck).isZero();
        assertThat(twice).as("dial ids taken more than once").isZero();
      }
    }
  }

  private static long agent(Api api, String status) {
    return api.post("/api/v1/agents", "{\"name\":\"Agent\",\"status\":\"" + status + "\"}").id();
  }

  private static void members(Api api, long queue, Long... agents) {
    Api.Reply reply =
        api.put(
            "/api/v1/queues/" + queue + "/members",
            "{\"agentIds\":" + List.of(agents).toString().replace(" ", "") + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  private static long customerFirstQueue(Api api, String name) {
    return api.post(
            "/api/v1/queues",
            "{\"name\":\"" + name + "\",\"callbackSettings\":{\"mode\":\"CUSTOMER_FIRST\"}}")
        .id();
  }

  private static long callbackDueNow(Api api, long queue) {
    Api.Reply reply =
        api.post(
            "/api/v1/callbacks",
            "{\"queueId\":"
                + queue
                + ",\"customerName\":\"Progress\",\"phoneNumber\":\"+12125558000\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private static List<String> events(Api api, long id) {
    return api.get("/api/v1/callbacks/" + id).json().getJsonArray("history").stream()
        .map(h -> h.asJsonObject().getString("event"))
        .toList();
  }

  /** Writes what the engine's reservation step commits, as if the server died right after. */
  private static void crashAfterReserving(Path dir, long callback, long agent) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      sql.executeUpdate("UPDATE agent SET status = 'AVAILABLE' WHERE id = " + agent);
      assertThat(
              sql.executeUpdate(
                  "UPDATE callback SET state = 'RESERVED', assigned_agent_id = "
                      + agent
                      + ", version = version + 1 WHERE state = 'QUEUED' AND id = "
                      + callback))
          .isEqualTo(1);
    } finally {
      TestDatabase.release(dir.resolve("data"));
    }
  }

  private static String state(Api api, long id) {
    return api.get("/api/v1/callbacks/" + id).json().getString("state");
  }

  private static String dialedAt(Api api, long id) {
    var attempts = api.get("/api/v1/callbacks/" + id).json().getJsonArray("attempts");
    if (attempts.isEmpty()) {
      return null;
    }
    JsonObject last = attempts.getJsonObject(attempts.size() - 1);
    return last.containsKey("dialedAt") && !last.isNull("dialedAt")
        ? last.getString("dialedAt")
        : null;
  }
}
