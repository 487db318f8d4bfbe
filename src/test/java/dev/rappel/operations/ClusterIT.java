package dev.rappel.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.platform.control.AheadHostTime;
import dev.rappel.testing.Api;
import dev.rappel.testing.Browser;
import dev.rappel.testing.PayaraProcess;
import dev.rappel.testing.StandardWebhooks;
import dev.rappel.testing.TestDatabase;
import dev.rappel.testing.TestRuns;
import dev.rappel.testing.WebhookReceiver;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Two Payara Micro instances clustered by Payara's data grid on one PostgreSQL, as the README's
 * production section runs them (the host-clock scenario needs only its one wrong node). Each
 * scenario prints its counts ({@code CLUSTER ...}) for {@code docs/reliability.md} and requires the
 * bad ones to be zero. PostgreSQL only: embedded Derby belongs to one server.
 */
@Tag(TestRuns.POSTGRESQL_ONLY)
class ClusterIT {
  private static final String ADMIN_PASSWORD = "cluster-admin-password";

  /** The JVM options every node of these tests gets, on an emptied database. */
  private static List<String> nodeOptions(Path dir) {
    List<String> options = new ArrayList<>(TestDatabase.freshServerOptions(dir));
    options.add("-Drappel.admin.password=" + ADMIN_PASSWORD);
    options.add("-Drappel.time-zone=UTC");
    return options;
  }

  /** The built WAR with a host clock that runs ahead ({@link AheadHostTime}). */
  private static Path aheadHostWar(Path dir) {
    Path war = dir.resolve("rappel-host-ahead.war");
    ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("rappel.war", "target/rappel.war")))
        .addClass(AheadHostTime.class)
        .as(ZipExporter.class)
        .exportTo(war.toFile(), true);
    return war;
  }

  /** Two clustered servers on an emptied database, started at the same moment or A first. */
  private static final class Pair implements AutoCloseable {
    final PayaraProcess a;
    final PayaraProcess b;
    Api apiA;
    Api apiB;
    final Path dir;

    Pair(String name) throws Exception {
      this(name, List.of());
    }

    Pair(String name, List<String> more) throws Exception {
      this(name, more, false);
    }

    /** Both nodes get {@code more} JVM options; B starts once A is ready if {@code aFirst}. */
    Pair(String name, List<String> more, boolean aFirst) throws Exception {
      dir = PayaraProcess.workDir(name);
      List<String> options = nodeOptions(dir);
      options.addAll(more);
      String cluster = "rappel-it-" + UUID.randomUUID().toString().substring(0, 8);
      List<Integer> grid = List.of(PayaraProcess.freePort(), PayaraProcess.freePort());
      a =
          new PayaraProcess(
              dir.resolve("a.log"),
              options,
              PayaraProcess.clusterMember(cluster, "a", grid.get(0), grid));
      b =
          new PayaraProcess(
              dir.resolve("b.log"),
              options,
              PayaraProcess.clusterMember(cluster, "b", grid.get(1), grid));
      // at once, as the instances of a new cluster start: one migrates the schema while the other
      // waits on Flyway's lock, and one of them creates the first administrator; or A first, when
      // a test needs A to hold the senders' leases alone until B is up
      ExecutorService starting = Executors.newFixedThreadPool(2);
      try {
        Future<Api> startedA = starting.submit(a::start);
        if (aFirst) {
          startedA.get();
        }
        Future<Api> startedB = starting.submit(b::start);
        apiA = startedA.get().as("admin", ADMIN_PASSWORD);
        apiB = startedB.get().as("admin", ADMIN_PASSWORD);
        String logs =
            Files.readString(dir.resolve("a.log")) + Files.readString(dir.resolve("b.log"));
        assertThat(logs.split("Created user 'admin'", -1)).as("admins created").hasSize(2);
        assertThat(logs)
            .doesNotContain("Could not check for the first administrator")
            .doesNotContain("A system exception occurred");
      } catch (Exception | Error e) {
        close(); // a node that started must not outlive the test
        throw e;
      } finally {
        starting.shutdownNow();
      }
    }

    /** Starts node A again (it listens on a new port), once it was stopped or killed. */
    Api startA() throws Exception {
      apiA = a.start().as("admin", ADMIN_PASSWORD);
      return apiA;
    }

    /** Starts node B again (it listens on a new port), once it was stopped or killed. */
    Api startB() throws Exception {
      apiB = b.start().as("admin", ADMIN_PASSWORD);
      return apiB;
    }

    /** Starts again whichever node is not running, both at once if neither is. */
    void startStopped() throws Exception {
      if (!a.isRunning() && !b.isRunning()) {
        startBoth();
      } else if (!a.isRunning()) {
        startA();
      } else if (!b.isRunning()) {
        startB();
      }
    }

    /**
     * Starts both stopped nodes at once, as an operator starts a cluster again; returns the instant
     * the first of them was ready.
     */
    Instant startBoth() throws Exception {
      List<Instant> ready =
          atOnce(
              () -> {
                startA();
                return Instant.now();
              },
              () -> {
                startB();
                return Instant.now();
              });
      return ready.get(0).isBefore(ready.get(1)) ? ready.get(0) : ready.get(1);
    }

    /** Stops both nodes at once (SIGTERM), as an operator stops a cluster. */
    void stopBoth() throws Exception {
      atOnce(
          () -> {
            a.stop();
            return null;
          },
          () -> {
            b.stop();
            return null;
          });
    }

    /** Runs the two at the same time and returns their results, once both are done. */
    private static <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
      ExecutorService both = Executors.newFixedThreadPool(2);
      try {
        Future<T> one = both.submit(first);
        Future<T> other = both.submit(second);
        return java.util.Arrays.asList(one.get(), other.get());
      } finally {
        both.shutdownNow();
      }
    }

    @Override
    public void close() throws Exception {
      try {
        b.close();
      } finally {
        a.close();
      }
    }
  }

  // ------------------------------------------------------------------ events and agent fencing

  @Test
  void a_step_on_one_node_reaches_the_other_nodes_stream_and_no_agent_ever_holds_two_callbacks()
      throws Exception {
    // a webhook subscriber and a telephony platform that count what each receives
    WebhookReceiver hooks = WebhookReceiver.start(PayaraProcess.freePort());
    FaultSuiteIT.Platform platform = new FaultSuiteIT.Platform();
    platform.up = true;
    List<String> both =
        List.of(
            "-Drappel.webhooks.url=" + hooks.url(),
            "-Drappel.webhooks.secret=" + StandardWebhooks.IT_SECRET,
            "-Drappel.webhooks.allow-private=true",
            "-Drappel.dialer=webhook",
            "-Drappel.dialer.webhook.url=" + platform.url(),
            "-Drappel.dialer.webhook.secret=" + StandardWebhooks.IT_SECRET);
    try (platform;
        Pair pair = new Pair("cluster-routing", both)) {
      long queue =
          pair.apiA
              .post(
                  "/api/v1/queues",
                  "{\"name\":\"Race\",\"callbackSettings\":{\"mode\":\"AGENT_FIRST\","
                      + "\"offerTimeoutSeconds\":600}}")
              .id();

      // a stream on node B sees a step committed by node A
      try (Stream stream = new Stream(pair.apiB.server(), "admin", ADMIN_PASSWORD)) {
        stream.awaitOpen();
        // five steps, one after the other: the median says how fast the relay is, not the one
        // step that met a pause of this busy machine
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          Instant sent = Instant.now();
          long created =
              pair.apiA
                  .post(
                      "/api/v1/callbacks",
                      "{\"queueId\":"
                          + queue
                          + ",\"phoneNumber\":\"+1212555010"
                          + i
                          + "\",\"customerName\":\"Seen\",\"scheduledAt\":\""
                          + Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS)
                          + "\"}")
                  .id();
          Instant received = stream.awaitCallback(created, Duration.ofSeconds(10));
          millis.add(Duration.between(sent, received).toMillis());
        }
        long median = millis.stream().sorted().toList().get(2);
        System.out.println(
            "CLUSTER events " + Map.of("crossNodeMillis", millis, "medianMillis", median));
        assertThat(median)
            .as("a step of node A on node B's stream, median ms")
            .isLessThanOrEqualTo(1000);
        assertThat(Files.readString(pair.dir.resolve("b.log")))
            .as("node B relayed every step it received")
            .doesNotContain("Could not relay");
      }

      // 100 callbacks due at one instant, 10 agents, both engines routing at once
      List<Long> agents = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        agents.add(pair.apiA.post("/api/v1/agents", "{\"name\":\"Agent " + i + "\"}").id());
      }
      pair.apiA.put(
          "/api/v1/queues/" + queue + "/members",
          "{\"agentIds\":" + agents.toString().replace(" ", "") + "}");
      Instant due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
      List<Long> created =
          createConcurrently(
              List.of(pair.apiA, pair.apiB),
              8,
              100,
              i ->
                  "{\"queueId\":"
                      + queue
                      + ",\"phoneNumber\":\"+1212557"
                      + String.format("%04d", i)
                      + "\",\"customerName\":\"Race\",\"scheduledAt\":\""
                      + due
                      + "\"}");
      assertThat(created).hasSize(100);
      assertThat(Instant.now()).as("all created before they are due").isBefore(due);
      // by the real clock: nothing leaves SCHEDULED before its time
      long early = 0;
      while (Instant.now().isBefore(due.minusMillis(50))) {
        early = Math.max(early, notScheduled(pair.dir, queue));
        Thread.sleep(50);
      }
      System.out.println("CLUSTER early " + Map.of("early", early));
      assertThat(early).as("delivered before their time").isZero();
      for (long agent : agents) {
        Api api = agent % 2 == 0 ? pair.apiA : pair.apiB;
        api.put("/api/v1/agents/" + agent + "/status", "{\"status\":\"AVAILABLE\"}");
      }

      // watch the table itself while both nodes route, and while agents decline through both
      ExecutorService clients = Executors.newFixedThreadPool(8);
      AtomicLong worst = new AtomicLong();
      AtomicBoolean watching = new AtomicBoolean(true);
      Future<?> watcher =
          clients.submit(
              () -> {
                while (watching.get()) {
                  worst.accumulateAndGet(mostHeldByOneAgent(pair.dir), Math::max);
                  Thread.sleep(20);
                }
                return null;
              });
      int declines = 0;
      for (int round = 0; round < 4; round++) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> offered(pair.apiA) == agents.size());
        // each agent declines its offer through one node or the other, all at once
        List<Future<Integer>> declined = new ArrayList<>();
        for (var offer : offers(pair.apiA).entrySet()) {
          Api api = offer.getKey() % 2 == 0 ? pair.apiA : pair.apiB;
          declined.add(
              clients.submit(
                  () ->
                      api.post(
                              "/api/v1/callbacks/" + offer.getKey() + "/decline",
                              "{\"agentId\":" + offer.getValue() + "}")
                          .status()));
        }
        for (Future<Integer> status : declined) {
          assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
          declines++;
        }
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> offered(pair.apiA) == agents.size());
      watching.set(false);
      watcher.get(10, TimeUnit.SECONDS);

      // the agents accept through both nodes: each dial request reaches the platform once
      Map<Long, Long> accepted = offers(pair.apiA);
      for (var offer : accepted.entrySet()) {
        Api api = offer.getKey() % 2 == 0 ? pair.apiA : pair.apiB;
        Api.Reply reply =
            api.post(
                "/api/v1/callbacks/" + offer.getKey() + "/accept",
                "{\"agentId\":" + offer.getValue() + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> platform.taken.size() == accepted.size());
      // and every step reaches the webhook subscriber, from one node: each event id once
      long steps = single(pair.dir, "SELECT COUNT(*) FROM callback_event");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  hooks.received().stream()
                          .map(WebhookReceiver.Received::eventId)
                          .distinct()
                          .count()
                      >= steps);
      Thread.sleep(2_000); // a second sender, if there were one, would be sending by now
      long dialsTwice = platform.taken.values().stream().filter(n -> n.get() > 1).count();
      long eventsTwice =
          hooks.received().stream()
                  .filter(WebhookReceiver.Received::taken)
                  .map(WebhookReceiver.Received::eventId)
                  .count()
              - hooks.received().stream()
                  .filter(WebhookReceiver.Received::taken)
                  .map(WebhookReceiver.Received::eventId)
                  .distinct()
                  .count();
      System.out.println(
          "CLUSTER senders "
              + Map.of(
                  "dialRequests",
                  platform.taken.size(),
                  "dialsTwice",
                  dialsTwice,
                  "webhookEvents",
                  steps,
                  "eventsTwice",
                  eventsTwice));
      assertThat(dialsTwice).as("dial requests taken twice").isZero();
      assertThat(eventsTwice).as("webhook events taken twice").isZero();
      clients.shutdown();
      System.out.println(
          "CLUSTER offers "
              + Map.of(
                  "callbacks",
                  100,
                  "agents",
                  agents.size(),
                  "declined",
                  declines,
                  "mostHeldByOneAgent",
                  worst.get()));
      assertThat(worst.get()).as("callbacks one agent held at once").isEqualTo(1);
    }
  }

  /** The callbacks offered now, by callback id, with the agent each is offered to. */
  private static Map<Long, Long> offers(Api api) {
    Map<Long, Long> offers = new ConcurrentHashMap<>();
    api.get("/api/v1/callbacks?state=OFFERED&size=100")
        .json()
        .getJsonArray("items")
        .forEach(
            item ->
                offers.put(
                    item.asJsonObject().getJsonNumber("id").longValue(),
                    item.asJsonObject().getJsonNumber("assignedAgentId").longValue()));
    return offers;
  }

  private static int offered(Api api) {
    return api.get("/api/v1/callbacks?state=OFFERED&size=1").json().getInt("total");
  }

  private static long notScheduled(Path dir, long queue) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      return single(
          sql, "SELECT COUNT(*) FROM callback WHERE state <> 'SCHEDULED' AND queue_id = " + queue);
    }
  }

  private static long mostHeldByOneAgent(Path dir) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement();
        ResultSet row =
            sql.executeQuery(
                "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM callback"
                    + " WHERE assigned_agent_id IS NOT NULL AND state IN"
                    + " ('OFFERED', 'RESERVED', 'DIALING', 'CONNECTED')"
                    + " GROUP BY assigned_agent_id) held")) {
      row.next();
      return row.getLong(1);
    }
  }

  // ------------------------------------------------------------------ a node frozen past its
  // leases

  /**
   * A webhook subscriber that takes 20 ms per event and counts each event id it took. Once told to
   * {@link #holdNext}, it keeps the next request waiting until {@link #release}: the sender is then
   * known to be in the middle of a send.
   */
  private static final class SlowSubscriber implements AutoCloseable {
    final Map<String, AtomicLong> taken = new ConcurrentHashMap<>();
    private final com.sun.net.httpserver.HttpServer server;
    private volatile boolean hold;
    private final java.util.concurrent.CountDownLatch holding =
        new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released =
        new java.util.concurrent.CountDownLatch(1);

    SlowSubscriber() throws IOException {
      server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("localhost", 0), 0);
      server.createContext(
          "/hook",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
              if (hold && holding.getCount() > 0) {
                holding.countDown();
                released.await(60, TimeUnit.SECONDS);
              }
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            taken.computeIfAbsent(id, i -> new AtomicLong()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    /** Keeps the next request waiting; true once one waits (within 30 s). */
    boolean holdNext() throws InterruptedException {
      hold = true;
      return holding.await(30, TimeUnit.SECONDS);
    }

    /** Answers the waiting request. */
    void release() {
      released.countDown();
    }

    long twice() {
      return taken.values().stream().filter(n -> n.get() > 1).count();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void a_node_frozen_past_its_leases_has_its_late_writes_refused_and_delivers_nothing_twice()
      throws Exception {
    try (SlowSubscriber hooks = new SlowSubscriber();
        // node A starts first and sends alone until B is up: A holds the webhook sender's lease
        Pair pair =
            new Pair(
                "cluster-frozen",
                List.of(
                    "-Drappel.webhooks.url=" + hooks.url(),
                    "-Drappel.webhooks.secret=" + StandardWebhooks.IT_SECRET,
                    "-Drappel.webhooks.allow-private=true"),
                true)) {
      long queue = pair.apiB.post("/api/v1/queues", "{\"name\":\"Frozen\"}").id();
      int callbacks = 300;
      Instant due = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
      List<Long> created =
          createConcurrently(
              List.of(pair.apiB),
              4,
              callbacks,
              i ->
                  "{\"queueId\":"
                      + queue
                      + ",\"customerName\":\"Frozen\",\"phoneNumber\":\"+1212554"
                      + String.format("%04d", i)
                      + "\",\"scheduledAt\":\""
                      + due.plusMillis(i)
                      + "\"}");
      assertThat(created).hasSize(callbacks);
      // freeze node A in the middle of its sending, for longer than any lease (30 s): while the
      // subscriber keeps one of its requests waiting (A may otherwise be between two passes)
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> hooks.taken.size() >= 100);
      assertThat(hooks.holdNext()).as("node A sends on").isTrue();
      pair.a.signal("STOP");
      Instant frozen = Instant.now();
      hooks.release();
      long takenAtFreeze = hooks.taken.size();
      Thread.sleep(45_000);
      long takenWhileFrozen = hooks.taken.size() - takenAtFreeze;
      pair.a.signal("CONT");

      long steps = single(pair.dir, "SELECT COUNT(*) FROM callback_event");
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  delivered(pair.dir, queue) == callbacks
                      && hooks.taken.size()
                          >= single(pair.dir, "SELECT COUNT(*) FROM callback_event"));
      Thread.sleep(3_000); // what node A would still send late, it sends by now
      Counts counts = counts(pair.dir, queue);
      long refusedLate =
          java.nio.file.Files.readString(pair.dir.resolve("a.log"))
              .lines()
              .filter(line -> line.contains("webhook sends refused"))
              .count();
      Map<String, Object> report = new java.util.TreeMap<>();
      report.put("callbacks", callbacks);
      report.put("webhookEvents", steps);
      report.put("eventsTakenBeforeFreeze", takenAtFreeze);
      report.put("eventsTakenWhileFrozen", takenWhileFrozen);
      report.put("frozenSeconds", Duration.between(frozen, Instant.now()).toSeconds());
      report.put("lateResultWritesRefused", refusedLate);
      report.put("eventsTakenTwice", hooks.twice());
      report.put("deliveredTwice", counts.twice());
      report.put("early", counts.early());
      report.put("undelivered", counts.undelivered());
      System.out.println("CLUSTER frozen " + report);
      assertThat(takenWhileFrozen).as("node B took over the sending").isPositive();
      assertThat(counts.undelivered()).as("undelivered").isZero();
      assertThat(counts.twice()).as("delivered twice").isZero();
      assertThat(counts.early()).as("delivered early").isZero();
      // webhooks are at least once: what node A sent of the batch it had not recorded yet when it
      // froze comes again from node B, with the same webhook-id; never more than that batch
      assertThat(hooks.twice())
          .as("webhook events taken twice")
          .isLessThanOrEqualTo(dev.rappel.events.boundary.WebhookOutbox.BATCH);
      assertThat(refusedLate).as("node A's late result writes refused").isPositive();
    }
  }

  // ------------------------------------------------------------------ a host clock 90 s ahead

  @Test
  void
      a_node_whose_host_clock_runs_90_s_ahead_delivers_nothing_early_and_expires_no_ownership_early()
          throws Exception {
    Duration ahead = Duration.ofSeconds(90);
    // one node, the one with the wrong clock, so that it alone delivers: what it gets wrong no
    // other node can make up for (a node's view of the time is its own, cluster or not)
    Path dir = PayaraProcess.workDir("cluster-clock-ahead");
    List<String> options = nodeOptions(dir);
    options.add("-D" + AheadHostTime.PROPERTY + "=" + ahead);
    try (PayaraProcess node =
        new PayaraProcess(dir.resolve("node.log"), options).withWar(aheadHostWar(dir))) {
      Api api = node.start().as("admin", ADMIN_PASSWORD);
      // the node measured its host clock against the database's before it said it was ready
      Api.Reply health = api.get("/health/ready");
      String measuredText =
          health.json().getJsonArray("checks").stream()
              .map(check -> check.asJsonObject())
              .filter(check -> check.getString("name").equals("database"))
              .findFirst()
              .orElseThrow()
              .getJsonObject("data")
              .get("hostClockAheadMs")
              .toString()
              .replace("\"", ""); // Payara writes the number as a string
      long measured = Long.parseLong(measuredText);
      assertThat(measured).isBetween(ahead.toMillis() - 1_000, ahead.toMillis() + 1_000);
      // when each delivery and expiry happened, stamped by the database's own clock: what the
      // node writes (occurred_at) is its view of the time, the very thing under test
      try (Connection connection = TestDatabase.open(dir.resolve("data"));
          Statement sql = connection.createStatement()) {
        sql.execute(
            "CREATE TABLE seen_by_database (callback_id BIGINT NOT NULL, event VARCHAR(40) NOT"
                + " NULL, at_ms BIGINT NOT NULL)");
        sql.execute(
            "CREATE FUNCTION note_seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO"
                + " seen_by_database VALUES (NEW.callback_id, NEW.event, (EXTRACT(EPOCH FROM"
                + " clock_timestamp()) * 1000)::BIGINT); RETURN NEW; END $$");
        sql.execute(
            "CREATE TRIGGER note_seen AFTER INSERT ON callback_event FOR EACH ROW EXECUTE"
                + " FUNCTION note_seen()");
      }
      long queue =
          api.post(
                  "/api/v1/queues",
                  "{\"name\":\"Ahead\",\"callbackSettings\":{\"ownedCallbacks\":{\"enabled\":true,"
                      + "\"ownershipHours\":1,\"assignToQueueOnExpiry\":false}}}")
              .id();
      long owner = api.post("/api/v1/agents", "{\"name\":\"Owner\"}").id();
      // 200 callbacks due 10 to 30 s from now (real time), 0.1 s apart: all inside the node's 90 s
      // lead, so a node that trusted its host clock would take every one of them for due at once
      int total = 200;
      Instant first = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        Api.Reply reply =
            api.post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + queue
                    + ",\"customerName\":\"Ahead\",\"phoneNumber\":\"+121256"
                    + String.format("%05d", i)
                    + "\",\"scheduledAt\":\""
                    + first.plusMillis(100L * i)
                    + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        ids.add(reply.id());
      }
      // 10 owned callbacks, booked a day ahead, whose ownership runs out 25 s from now
      Instant ownershipEnds = Instant.now().plusSeconds(25);
      List<Long> owned = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Api.Reply reply =
            api.post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + queue
                    + ",\"customerName\":\"Owned\",\"phoneNumber\":\"+121257"
                    + String.format("%05d", i)
                    + "\",\"scheduledAt\":\""
                    + Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
                    + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Api.Reply owning =
            api.patch("/api/v1/callbacks/" + reply.id(), "{\"ownerAgentId\":" + owner + "}");
        assertThat(owning.status()).as(owning.body()).isEqualTo(200);
        owned.add(reply.id());
      }
      try (Connection connection = TestDatabase.open(dir.resolve("data"));
          Statement sql = connection.createStatement()) {
        sql.executeUpdate(
            "UPDATE callback SET ownership_expires_at = "
                + ownershipEnds.toEpochMilli()
                + " WHERE owner_agent_id = "
                + owner);
      }

      Instant last = first.plusMillis(100L * (total - 1));
      await()
          .atMost(Duration.between(Instant.now(), last).plusSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> deliveredOf(dir, new java.util.HashSet<>(ids)) == total);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  api.get("/api/v1/callbacks?state=EXPIRED&size=1").json().getInt("total")
                      == owned.size());
      Counts counts = counts(dir, queue);
      long early =
          single(
              dir,
              "SELECT COUNT(*) FROM seen_by_database s JOIN callback c ON c.id = s.callback_id"
                  + " WHERE s.event = 'QUEUED' AND s.at_ms < c.scheduled_at");
      long earliestMs =
          single(
              dir,
              "SELECT MIN(s.at_ms - c.scheduled_at) FROM seen_by_database s JOIN callback c ON"
                  + " c.id = s.callback_id WHERE s.event = 'QUEUED'");
      long expiredEarly =
          single(
              dir,
              "SELECT COUNT(*) FROM seen_by_database WHERE event = 'EXPIRED' AND at_ms < "
                  + ownershipEnds.toEpochMilli());
      long expiredSeen =
          single(dir, "SELECT COUNT(*) FROM seen_by_database WHERE event = 'EXPIRED'");
      Map<String, Object> report = new java.util.TreeMap<>();
      report.put("hostAheadMs", ahead.toMillis());
      report.put("measuredAheadMs", measured);
      report.put("callbacks", total);
      report.put("undelivered", counts.undelivered());
      report.put("twice", counts.twice());
      report.put("early", early);
      report.put("earliestLatenessMs", earliestMs);
      report.put("ownershipsExpired", expiredSeen);
      report.put("ownershipsExpiredEarly", expiredEarly);
      System.out.println("CLUSTER clock-ahead " + report);
      assertThat(counts.twice()).as("delivered twice").isZero();
      assertThat(early).as("delivered early, by the database's clock").isZero();
      assertThat(expiredSeen).as("ownership expiries seen by the database").isEqualTo(10);
      assertThat(expiredEarly).as("ownerships expired early").isZero();
    }
  }

  // ------------------------------------------------------------------ scenarios on one shared pair

  /**
   * The scenarios that need two plain nodes share one pair, started by the first of them: a pair
   * start takes about a minute on two cores, as long as half a scenario's own work. Each works in a
   * queue of its own and counts only that queue; a node an earlier one killed or stopped is started
   * again first. JUnit runs these after the other scenarios, each of which empties the database for
   * a pair of its own, and the pair stops after the last of them.
   */
  @Nested
  class OnOnePair {
    private static Pair shared;

    @AfterAll
    static void stopThePair() throws Exception {
      if (shared != null) {
        try {
          shared.close();
        } finally {
          shared = null;
        }
      }
    }

    /** The shared pair, both nodes running. */
    private Pair pair() throws Exception {
      if (shared == null) {
        shared = new Pair("cluster-shared");
      }
      shared.startStopped();
      return shared;
    }

    // ------------------------------------------------------------------ a node killed mid-burst

    /**
     * Also a console session signed in through node A before the kill: it still works through node
     * B afterwards (sessions are replicated, so a load balancer needs no stickiness). One pair of
     * servers for both keeps the suite's time down.
     */
    @Test
    void a_node_killed_mid_burst_leaves_the_rest_and_its_console_sessions_to_the_other()
        throws Exception {
      int burst = Integer.getInteger("cluster.burst", 10_000);
      Pair pair = pair();
      ChromeDriver browser = Browser.start();
      try {
        // a person signs in to the console through node A
        signIn(browser, pair.apiA);

        // no agents: each delivery is one QUEUED step
        long queue = pair.apiA.post("/api/v1/queues", "{\"name\":\"Burst\"}").id();
        // booked a day ahead, then moved in the table to come due within one second: the nodes
        // learn the schedule only from the table, and the test need not wait out a creation time
        // guessed for the slowest machine
        Instant booked = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        List<Long> created =
            createConcurrently(
                List.of(pair.apiA, pair.apiB),
                16,
                burst,
                i ->
                    "{\"queueId\":"
                        + queue
                        + ",\"customerName\":\"Burst\",\"phoneNumber\":\"+121255"
                        + String.format("%05d", i)
                        + "\",\"scheduledAt\":\""
                        + booked
                        + "\"}");
        assertThat(created).as("callbacks created").hasSize(burst);
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = TestDatabase.open(pair.dir.resolve("data"));
            Statement sql = connection.createStatement()) {
          // 0.1 ms apart in id order: the whole burst due within one second
          int moved =
              sql.executeUpdate(
                  "UPDATE callback c SET scheduled_at = r.due, due_at = r.due FROM (SELECT id, "
                      + due.toEpochMilli()
                      + " + (ROW_NUMBER() OVER (ORDER BY id) - 1) / 10 AS due FROM callback"
                      + " WHERE queue_id = "
                      + queue
                      + ") r WHERE c.id = r.id");
          assertThat(moved).isEqualTo(burst);
        }
        assertThat(Instant.now()).as("all moved before the burst").isBefore(due);

        // kill node A once part of the burst is delivered
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> delivered(pair.dir, queue) >= burst / 5);
        Instant kill = Instant.now();
        pair.a.kill();
        long deliveredAtKill = delivered(pair.dir, queue);

        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> delivered(pair.dir, queue) == burst);
        Instant done = Instant.now();
        Counts counts = counts(pair.dir, queue);
        System.out.println(
            "CLUSTER burst "
                + Map.of(
                    "callbacks", burst,
                    "deliveredAtKill", deliveredAtKill,
                    "killedAfterMs", Duration.between(due, kill).toMillis(),
                    "lastDeliveredAfterMs", Duration.between(due, done).toMillis(),
                    "undelivered", counts.undelivered(),
                    "twice", counts.twice(),
                    "early", counts.early()));
        assertThat(counts.undelivered()).as("undelivered").isZero();
        assertThat(counts.twice()).as("delivered twice").isZero();
        assertThat(counts.early()).as("delivered early").isZero();

        // the same browser, cookie and all (cookies ignore the port), now reaches node B
        browser.get(pair.apiB.server().resolve("admin/queues.xhtml").toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> signedIn(browser));
        assertThat(browser.findElements(By.id("login:username"))).isEmpty();
      } finally {
        browser.quit();
      }
    }

    // ------------------------------------------------------------------ both nodes down

    @Test
    void callbacks_due_while_both_nodes_were_down_are_delivered_within_a_minute_of_their_start()
        throws Exception {
      int total = Integer.getInteger("cluster.down", 5_000);
      Pair pair = pair();
      // owned callbacks end EXPIRED when their ownership ends; nobody is a member of the queue
      long queue =
          pair.apiA
              .post(
                  "/api/v1/queues",
                  "{\"name\":\"Down\",\"callbackSettings\":{\"ownedCallbacks\":{\"enabled\":true,"
                      + "\"ownershipHours\":1,\"assignToQueueOnExpiry\":false}}}")
              .id();
      long owner = pair.apiA.post("/api/v1/agents", "{\"name\":\"Away\"}").id();
      // booked a day ahead; once both nodes are down the table is moved so they come due then:
      // the servers learn the schedule only from the table, so this is what a day of downtime is
      Instant booked = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
      List<Long> ids =
          createConcurrently(
              List.of(pair.apiA, pair.apiB),
              8,
              total,
              i ->
                  "{\"queueId\":"
                      + queue
                      + ",\"customerName\":\"Down\",\"phoneNumber\":\"+121255"
                      + String.format("%05d", 50_000 + i)
                      + "\",\"scheduledAt\":\""
                      + booked
                      + "\"}");
      assertThat(ids).hasSize(total);
      List<Long> owned = ids.subList(0, 20);
      for (long id : owned) {
        assertThat(
                pair.apiA
                    .patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + owner + "}")
                    .status())
            .isEqualTo(200);
      }

      // both nodes stop; meanwhile the callbacks come due, within one second in creation order,
      // and the owned ones' hour runs out
      pair.stopBoth();
      Instant due = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
      try (Connection connection = TestDatabase.open(pair.dir.resolve("data"));
          Statement sql = connection.createStatement()) {
        // 0.2 ms apart in id order: 5,000 within one second (PostgreSQL SQL: this test runs there)
        sql.executeUpdate(
            "UPDATE callback c SET scheduled_at = r.due, due_at = r.due FROM (SELECT id, "
                + due.toEpochMilli()
                + " + (ROW_NUMBER() OVER (ORDER BY id) - 1) / 5 AS due FROM callback"
                + " WHERE queue_id = "
                + queue
                + ") r WHERE c.id = r.id");
        sql.executeUpdate(
            "UPDATE callback SET ownership_expires_at = "
                + due.plusSeconds(1).toEpochMilli()
                + " WHERE owner_agent_id = "
                + owner);
      }
      while (Instant.now().isBefore(due.plusSeconds(3))) {
        Thread.sleep(200);
      }

      // both at once, as an operator starts the cluster again; timed from the first one ready
      Instant started = pair.startBoth();
      Api a = pair.apiA;
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> inState(a, queue, "SCHEDULED") == 0);
      Duration allDelivered = Duration.between(started, Instant.now());
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> inState(a, queue, "EXPIRED") == 20);
      Counts counts = counts(pair.dir, queue);
      Map<String, Object> report = new java.util.TreeMap<>();
      report.put("callbacks", total);
      report.put("allDeliveredMsAfterFirstNodeReady", allDelivered.toMillis());
      report.put("ownershipsExpired", 20);
      report.put("undelivered", counts.undelivered());
      report.put("twice", counts.twice());
      report.put("early", counts.early());
      System.out.println("CLUSTER both-down " + report);
      assertThat(counts.twice()).as("delivered twice").isZero();
      assertThat(counts.early()).as("delivered early").isZero();
      // the queue's policy ends an owned callback whose owner did not take it in time
      for (long id : owned) {
        assertThat(a.get("/api/v1/callbacks/" + id).json().getString("state")).isEqualTo("EXPIRED");
      }
    }

    // ------------------------------------------------------------------ the database stops for 60
    // s

    @Test
    void both_nodes_report_a_stopped_database_recover_alone_and_lose_no_acknowledged_callback()
        throws Exception {
      Database database = Database.local();
      Pair pair = pair();
      List<String> nodes = List.of("a.log", "b.log");
      // the pair's logs since this scenario began: an earlier one's lines are not this one's
      Map<String, Integer> logAtBegin = new java.util.HashMap<>();
      for (String node : nodes) {
        logAtBegin.put(node, Files.readString(pair.dir.resolve(node)).length());
      }
      long queue = pair.apiA.post("/api/v1/queues", "{\"name\":\"Steady\"}").id();
      Map<Long, Instant> acknowledged = new ConcurrentHashMap<>();
      Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
      AtomicLong slowest503 = new AtomicLong();
      AtomicBoolean loading = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(2);
      List<Future<?>> load = new ArrayList<>();
      for (Api api : List.of(pair.apiA, pair.apiB)) {
        // steady load: a create every 100 ms on each node, each due 20 s later
        load.add(
            clients.submit(
                () -> {
                  int i = 0;
                  while (loading.get()) {
                    Instant due = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
                    Api.Reply reply;
                    long sent = System.nanoTime();
                    try {
                      reply =
                          api.post(
                              "/api/v1/callbacks",
                              "{\"queueId\":"
                                  + queue
                                  + ",\"customerName\":\"Steady\",\"phoneNumber\":\"+1212558"
                                  + String.format("%04d", i++ % 10_000)
                                  + "\",\"scheduledAt\":\""
                                  + due
                                  + "\"}");
                    } catch (RuntimeException timedOut) {
                      answers.computeIfAbsent(0, s -> new AtomicLong()).incrementAndGet();
                      continue;
                    }
                    answers
                        .computeIfAbsent(reply.status(), s -> new AtomicLong())
                        .incrementAndGet();
                    if (reply.status() == 503) {
                      slowest503.accumulateAndGet(
                          Duration.ofNanos(System.nanoTime() - sent).toMillis(), Math::max);
                    }
                    if (reply.status() == 201) {
                      acknowledged.put(reply.id(), due);
                    }
                    Thread.sleep(100);
                  }
                  return null;
                }));
      }
      Instant stopped;
      Duration downA;
      Duration downB;
      Instant started;
      Duration upA;
      Duration upB;
      String duringOutage;
      Map<String, Integer> logAtStop = new java.util.HashMap<>();
      Map<String, String> duringOutageLog = new java.util.TreeMap<>();
      String nameKept;
      String afterOutage;
      // a person in the console, signed in before the outage
      ChromeDriver browser = Browser.start();
      try {
        signIn(browser, pair.apiA);
        browser.get(pair.apiA.server().resolve("admin/queues.xhtml").toString()); // lands at home
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> !browser.findElements(By.id("queue:save")).isEmpty());
        Thread.sleep(10_000);

        stopped = Instant.now();
        for (String node : nodes) {
          logAtStop.put(node, Files.readString(pair.dir.resolve(node)).length());
        }
        database.stop();
        try {
          downA = untilReady(pair.apiA, false, stopped);
          downB = untilReady(pair.apiB, false, stopped);
          // creates a queue while the database is down: told so on the page, the form kept
          browser.findElement(By.id("queue:name")).sendKeys("Outage");
          browser.findElement(By.id("queue:save")).click();
          duringOutage = messageOnceShown(browser, "nothing was saved");
          Thread.sleep(Math.max(0, 60_000 - Duration.between(stopped, Instant.now()).toMillis()));
        } finally {
          database.start();
        }
        for (String node : nodes) {
          String log = Files.readString(pair.dir.resolve(node));
          duringOutageLog.put(node, log.substring(Math.min(logAtStop.get(node), log.length())));
        }
        started = Instant.now();
        upA = untilReady(pair.apiA, true, started);
        upB = untilReady(pair.apiB, true, started);
        nameKept = browser.findElement(By.id("queue:name")).getAttribute("value");
        browser.findElement(By.id("queue:save")).click();
        afterOutage = messageOnceShown(browser, "created");
      } finally {
        browser.quit();
      }
      Thread.sleep(10_000);
      loading.set(false);
      for (Future<?> client : load) {
        client.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();

      // every acknowledged create is there and delivered once its time came
      Instant lastDue = acknowledged.values().stream().max(Instant::compareTo).orElseThrow();
      await()
          .atMost(Duration.between(Instant.now(), lastDue).plusSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> deliveredOf(pair.dir, acknowledged.keySet()) == acknowledged.size());
      Counts counts = counts(pair.dir, queue);
      Map<String, Object> report = new java.util.TreeMap<>();
      report.put("acknowledged", acknowledged.size());
      report.put("answers", answers);
      report.put("downAfterMsA", downA.toMillis());
      report.put("downAfterMsB", downB.toMillis());
      report.put("readyAfterStartMsA", upA.toMillis());
      report.put("readyAfterStartMsB", upB.toMillis());
      report.put("twice", counts.twice());
      report.put("early", counts.early());
      report.put("slowest503Ms", slowest503.get());
      Map<String, Long> outageLogRecords = new java.util.TreeMap<>();
      duringOutageLog.forEach(
          (node, log) ->
              outageLogRecords.put(node, log.lines().filter(l -> l.startsWith("[20")).count()));
      report.put("logRecordsDuringOutage", outageLogRecords);
      System.out.println("CLUSTER database-down " + report);
      assertThat(answers.keySet()).as("answers during the outage").containsOnly(201, 503);
      assertThat(slowest503.get())
          .as("ms before a refusal during the outage (EclipseLink's retries held each 10 s)")
          .isLessThan(5_000);
      assertThat(counts.twice()).as("delivered twice").isZero();
      assertThat(counts.early()).as("delivered early").isZero();
      assertThat(duringOutage).contains("The database does not answer, so nothing was saved");
      assertThat(nameKept).as("what the person typed").isEqualTo("Outage");
      assertThat(afterOutage).contains("Queue 'Outage' created.");
      // the outage is told in a few lines, not in a stack trace per engine pass and request, nor in
      // three warnings per connection the pool failed to open (about 2,200 a minute per node)
      outageLogRecords.forEach(
          (node, records) ->
              assertThat(records).as("log records on " + node + " in the minute").isLessThan(50));
      for (String node : nodes) {
        String log = Files.readString(pair.dir.resolve(node)).substring(logAtBegin.get(node));
        assertThat(log).as(node).contains("Engine pass failed");
        assertThat(systemExceptions(log))
            .as("failures the container logged with a stack trace on " + node)
            .isEmpty();
      }
    }
  }

  /**
   * Creates {@code count} callbacks, request {@code i} being {@code body(i)}, through {@code
   * clients} concurrent clients that take turns over {@code nodes}. A 503 (the database busy) is
   * tried again after 100 ms, up to 20 times, as a client should. The ids of those created.
   */
  private static List<Long> createConcurrently(
      List<Api> nodes, int clients, int count, IntFunction<String> body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<Long>>> parts = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        int first = client;
        Api api = nodes.get(client % nodes.size());
        parts.add(
            pool.submit(
                () -> {
                  List<Long> ids = new ArrayList<>();
                  for (int i = first; i < count; i += clients) {
                    Api.Reply reply = api.post("/api/v1/callbacks", body.apply(i));
                    for (int retry = 0; reply.status() == 503 && retry < 20; retry++) {
                      Thread.sleep(100);
                      reply = api.post("/api/v1/callbacks", body.apply(i));
                    }
                    if (reply.status() == 201) {
                      ids.add(reply.id());
                    }
                  }
                  return ids;
                }));
      }
      List<Long> ids = new ArrayList<>();
      for (Future<List<Long>> part : parts) {
        ids.addAll(part.get(10, TimeUnit.MINUTES));
      }
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many of the queue's callbacks are in {@code state}, as the API counts them. */
  private static int inState(Api api, long queue, String state) {
    return api.get("/api/v1/callbacks?size=1&state=" + state + "&queueId=" + queue)
        .json()
        .getInt("total");
  }

  /** Signs the admin in to the console through {@code node}. */
  private static void signIn(ChromeDriver browser, Api node) {
    browser.get(node.server().resolve("admin/queues.xhtml").toString());
    browser.findElement(By.id("login:username")).sendKeys("admin");
    browser.findElement(By.id("login:password")).sendKeys(ADMIN_PASSWORD);
    browser.findElement(By.id("login:signin")).click();
    await().atMost(Duration.ofSeconds(20)).until(() -> signedIn(browser));
  }

  private static boolean signedIn(ChromeDriver browser) {
    return !browser.findElements(By.id("signed-in-user")).isEmpty();
  }

  /** The page's messages once they say {@code expected}, or what they say after 30 s. */
  private static String messageOnceShown(ChromeDriver browser, String expected) {
    AtomicReference<String> text = new AtomicReference<>("");
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                text.set(browser.findElement(By.id("messages")).getText());
                return text.get().contains(expected);
              });
    } catch (org.awaitility.core.ConditionTimeoutException notShown) {
      // the assertion names what the page said instead
    }
    return text.get();
  }

  /**
   * How long until the node's readiness says {@code ready} (UP) or not (DOWN, naming the database).
   */
  private static Duration untilReady(Api api, boolean ready, Instant since) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              Api.Reply health = api.get("/health/ready");
              return ready
                  ? health.status() == 200
                  : health.status() == 503 && health.body().contains("database");
            });
    return Duration.between(since, Instant.now());
  }

  private static long deliveredOf(Path dir, java.util.Set<Long> ids) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      long delivered = 0;
      List<Long> all = new ArrayList<>(ids);
      for (int from = 0; from < all.size(); from += 500) {
        String in =
            all.subList(from, Math.min(all.size(), from + 500)).stream()
                .map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        delivered +=
            single(
                sql,
                "SELECT COUNT(DISTINCT callback_id) FROM callback_event WHERE event = 'QUEUED'"
                    + " AND callback_id IN ("
                    + in
                    + ")");
      }
      return delivered;
    }
  }

  /**
   * Each record in which the container says a bean method ended in a system exception, with the
   * first lines of its trace: the record alone does not tell which failure escaped.
   */
  private static List<String> systemExceptions(String log) {
    List<String> lines = log.lines().toList();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("A system exception occurred")) {
        found.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + 60))));
      }
    }
    return found;
  }

  /** The local PostgreSQL cluster the tests run on, stopped and started as its administrator. */
  private record Database(String version, String name) {
    static Database local() throws Exception {
      Process list = new ProcessBuilder("pg_lsclusters", "-h").start();
      String clusters = new String(list.getInputStream().readAllBytes()).strip();
      boolean root = "root".equals(System.getProperty("user.name"));
      // the cluster listening on the tests' port: columns version, name, port, ...
      Optional<String[]> ours =
          clusters
              .lines()
              .map(line -> line.split("\\s+"))
              .filter(columns -> columns.length > 2 && columns[2].equals(TestDatabase.port()))
              .findFirst();
      if (list.waitFor() != 0 || ours.isEmpty() || !root) {
        String hint =
            "stopping PostgreSQL needs root and a local cluster on port "
                + TestDatabase.port()
                + " (pg_lsclusters)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new IllegalStateException(hint);
        }
        org.junit.jupiter.api.Assumptions.abort(hint);
      }
      return new Database(ours.get()[0], ours.get()[1]);
    }

    void stop() throws Exception {
      run("stop", "-m", "fast");
    }

    void start() throws Exception {
      run("start");
    }

    private void run(String... action) throws Exception {
      List<String> command = new ArrayList<>(List.of("pg_ctlcluster", version, name));
      command.addAll(List.of(action));
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      assertThat(exit).as(String.join(" ", command)).isZero();
    }
  }

  record Counts(long undelivered, long twice, long early) {}

  /** How many of the queue's callbacks were delivered (QUEUED at least once). */
  private static long delivered(Path dir, long queue) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      return single(
          sql,
          "SELECT COUNT(DISTINCT e.callback_id) FROM callback_event e JOIN callback c ON c.id ="
              + " e.callback_id WHERE e.event = 'QUEUED' AND c.queue_id = "
              + queue);
    }
  }

  /** The queue's callbacks still scheduled, delivered twice and delivered before their time. */
  private static Counts counts(Path dir, long queue) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      return new Counts(
          single(
              sql,
              "SELECT COUNT(*) FROM callback WHERE state = 'SCHEDULED' AND queue_id = " + queue),
          single(
              sql,
              "SELECT COUNT(*) FROM (SELECT e.callback_id FROM callback_event e JOIN callback c ON"
                  + " c.id = e.callback_id WHERE e.event = 'QUEUED' AND c.queue_id = "
                  + queue
                  + " GROUP BY e.callback_id HAVING COUNT(*) > 1) twice"),
          single(
              sql,
              "SELECT COUNT(*) FROM callback_event e JOIN callback c ON c.id = e.callback_id"
                  + " WHERE e.event = 'QUEUED' AND e.occurred_at < c.scheduled_at AND c.queue_id = "
                  + queue));
    }
  }

  private static long single(Path dir, String query) throws SQLException {
    try (Connection connection = TestDatabase.open(dir.resolve("data"));
        Statement sql = connection.createStatement()) {
      return single(sql, query);
    }
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  // ------------------------------------------------------------------ an SSE reader

  /** The event stream of one server, read on a thread of its own; remembers when each came. */
  private static final class Stream implements AutoCloseable {
    private final Map<Long, Instant> firstSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean open = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<
            HttpResponse<java.util.stream.Stream<String>>>
        response;

    Stream(URI server, String user, String password) {
      HttpRequest request =
          HttpRequest.newBuilder(server.resolve("api/v1/events"))
              .header("Accept", "text/event-stream")
              .header(
                  "Authorization",
                  "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
              .build();
      response =
          HttpClient.newHttpClient()
              .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
              .thenApply(
                  reply -> {
                    open.set(reply.statusCode() == 200);
                    Thread reader =
                        new Thread(
                            () ->
                                reply
                                    .body()
                                    .filter(line -> line.startsWith("data:"))
                                    .forEach(this::seen));
                    reader.setDaemon(true);
                    reader.start();
                    return reply;
                  });
    }

    private void seen(String line) {
      Instant at = Instant.now();
      java.util.regex.Matcher id =
          java.util.regex.Pattern.compile("\"callbackId\":(\\d+)").matcher(line);
      if (id.find()) {
        firstSeen.putIfAbsent(Long.parseLong(id.group(1)), at);
      }
    }

    void awaitOpen() {
      await().atMost(Duration.ofSeconds(20)).untilTrue(open);
    }

    Instant awaitCallback(long callbackId, Duration limit) {
      await()
          .atMost(limit)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> firstSeen.containsKey(callbackId));
      return Optional.ofNullable(firstSeen.get(callbackId)).orElseThrow();
    }

    @Override
    public void close() throws IOException {
      response.cancel(true);
      response.thenAccept(reply -> reply.body().close());
    }
  }
}
