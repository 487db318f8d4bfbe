package dev.rappel.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.testing.Api;
import dev.rappel.testing.PayaraProcess;
import dev.rappel.testing.TestDatabase;
import dev.rappel.testing.TestRuns;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server's life across restarts on one database folder: the first start creates an admin with a
 * random password printed once; what was written is read back after a restart; a callback that came
 * due meanwhile is delivered after start; secrets are stored only as hashes; a server started
 * before its database answers becomes ready on its own.
 */
// the Derby run only: the embedded database belongs to the server that is restarted, held by
// another process or backed up online; on PostgreSQL ClusterIT stops and kills nodes over one
// database, and PostgreSQL is backed up with pg_dump
@Tag(TestRuns.DERBY_ONLY)
class RestartIT {

  /**
   * One pair of server starts checks both durability and catching up: a callback that came due
   * while the server was down is delivered right after the next start.
   */
  @Test
  void callbacks_survive_a_restart_and_those_due_meanwhile_are_delivered_after_start()
      throws Exception {
    Path dir = PayaraProcess.workDir("restart-it");
    List<String> options = TestDatabase.freshServerOptions(dir);
    Path log = dir.resolve("server.log");
    long callbackId;
    String scheduledAt;
    long overdueId;
    Instant overdueAt;
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(7);
    String adminPassword;
    String token;
    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api unknown = server.start();
      adminPassword = firstAdminPassword(log);
      assertThat(unknown.get("/api/v1/queues").status()).as("no default password").isEqualTo(401);
      Api api = unknown.as("admin", adminPassword);
      token =
          api.post("/api/v1/tokens", "{\"name\":\"crm\",\"role\":\"INTEGRATION\"}")
              .json()
              .getString("token");
      long queue = api.post("/api/v1/queues", "{\"name\":\"Durable\"}").id();
      long agent = api.post("/api/v1/agents", "{\"name\":\"Ann\"}").id();
      long interaction =
          api.post(
                  "/api/v1/interactions",
                  "{\"mediaType\":\"CALL\",\"queueId\":"
                      + queue
                      + ",\"ani\":\"+33142685300\",\"agentId\":"
                      + agent
                      + "}")
              .id();
      Api.Reply created =
          api.post(
              "/api/v1/interactions/" + interaction + "/callback",
              "{\"date\":\"" + day + "\",\"time\":\"10:30\",\"timeZone\":\"Europe/Paris\"}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      callbackId = created.id();
      scheduledAt = created.json().getString("scheduledAt");

      overdueAt = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
      Api.Reply overdue =
          api.post(
              "/api/v1/callbacks",
              "{\"queueId\":"
                  + queue
                  + ",\"phoneNumber\":\"+12125550100\",\"customerName\":\"Due while down\","
                  + "\"scheduledAt\":\""
                  + overdueAt
                  + "\"}");
      assertThat(overdue.status()).as(overdue.toString()).isEqualTo(201);
      overdueId = overdue.id();
    }
    Instant stopped = Instant.now();
    while (Instant.now().isBefore(overdueAt.plusSeconds(1))) {
      Thread.sleep(200); // the server stays down past the callback's time
    }
    assertThat(Files.exists(dir.resolve("data").resolve("db"))).isTrue();

    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start().as("admin", adminPassword);
      Api.Reply read = api.get("/api/v1/callbacks/" + callbackId);
      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      JsonObject callback = read.json();
      assertThat(callback.getString("scheduledAt")).isEqualTo(scheduledAt);
      assertThat(callback.getString("customerLocalTime")).startsWith(day + "T10:30");
      assertThat(callback.getString("phoneNumber")).isEqualTo("+33142685300");
      assertThat(callback.getJsonArray("history")).hasSize(1);
      // the interaction is still known to have its callback
      Api.Reply again =
          api.post(
              "/api/v1/interactions/" + callback.getJsonNumber("interactionId") + "/callback",
              "{}");
      assertThat(again.status()).isEqualTo(409);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(api.get("/api/v1/callbacks/" + overdueId).json().getString("state"))
                      .isEqualTo("QUEUED"));
      JsonObject delivered = api.get("/api/v1/callbacks/" + overdueId).json();
      JsonObject queued = delivered.getJsonArray("history").getJsonObject(1);
      assertThat(queued.getString("event")).isEqualTo("QUEUED");
      assertThat(Instant.parse(queued.getString("at"))).isAfter(stopped).isAfter(overdueAt);
    }
    assertThat(Files.readString(log).split("created with password", -1))
        .as("the first password is printed once, not at every start")
        .hasSize(2);
    assertSecretsAreHashed(dir.resolve("data"), adminPassword, token);
  }

  /**
   * A server started while its database cannot be opened (held here by this test, as another server
   * on the same embedded database would hold it) starts anyway, not ready and saying why, without
   * being dead; once the database answers it migrates the schema, creates its admin and delivers
   * callbacks, with no restart.
   */
  @Test
  void a_server_started_before_its_database_answers_becomes_ready_on_its_own() throws Exception {
    Path dir = PayaraProcess.workDir("late-database-it");
    Path db = dir.resolve("data").resolve("db");
    Files.createDirectories(db.getParent());
    List<String> options =
        List.of(
            "-Drappel.data.dir=" + dir.resolve("data"),
            "-Drappel.admin.password=late-admin-password");
    Connection holder =
        DriverManager.getConnection("jdbc:derby:" + db + ";create=true", "rappel", "rappel");
    try (PayaraProcess server = new PayaraProcess(dir.resolve("server.log"), options)) {
      Api api = server.launch();
      Api.Reply waiting = api.get("/health/ready");
      assertThat(waiting.status()).as(waiting.toString()).isEqualTo(503);
      assertThat(waiting.body()).contains("waiting").contains("does not answer");
      Api.Reply live = api.get("/health/live");
      assertThat(live.status()).as("a restart would not help: " + live).isEqualTo(200);

      shutDown(holder, db);
      server.awaitReady(api, Duration.ofSeconds(60));

      Api admin = api.as("admin", "late-admin-password");
      long queue = admin.post("/api/v1/queues", "{\"name\":\"Late\"}").id();
      Api.Reply due =
          admin.post(
              "/api/v1/callbacks",
              "{\"queueId\":"
                  + queue
                  + ",\"phoneNumber\":\"+12125550100\",\"customerName\":\"Due now\"}");
      assertThat(due.status()).as(due.toString()).isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(admin.get("/api/v1/callbacks/" + due.id()).json().getString("state"))
                      .isEqualTo("QUEUED"));
      assertThat(api.get("/health/ready").body()).contains("\"engine\"");
      String log = Files.readString(dir.resolve("server.log"));
      assertThat(log).contains("Callback engine started");
      assertThat(log.lines().filter(line -> line.contains("Exception executing HealthCheck")))
          .as("probes while the server waited are answers, not failures with a stack trace")
          .isEmpty();
    } finally {
      shutDown(holder, db);
    }
  }

  /**
   * An online backup, taken while the server runs, restores into a fresh data folder: a second
   * server started on it with Derby's {@code restoreFrom} reads back what was written before.
   */
  @Test
  void a_backup_restores_into_a_fresh_data_folder() throws Exception {
    Path dir = PayaraProcess.workDir("backup-it");
    Path log = dir.resolve("server.log");
    String password = "backup-admin-password";
    long callbackId;
    String database;
    try (PayaraProcess server =
        new PayaraProcess(
            log,
            List.of(
                "-Drappel.data.dir=" + dir.resolve("data"),
                "-Drappel.admin.password=" + password))) {
      Api api = server.start().as("admin", password);
      long queue = api.post("/api/v1/queues", "{\"name\":\"Kept\"}").id();
      Api.Reply created =
          api.post(
              "/api/v1/callbacks",
              "{\"queueId\":"
                  + queue
                  + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"Backed, \\\"up\\\"\","
                  + "\"scheduledAt\":\""
                  + Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS)
                  + "\"}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      callbackId = created.id();

      Api.Reply backup = api.post("/api/v1/admin/backup", null);
      assertThat(backup.status()).as(backup.toString()).isEqualTo(201);
      JsonObject taken = backup.json();
      Path folder = Path.of(taken.getString("folder"));
      assertThat(folder.getParent()).isEqualTo(dir.resolve("data").resolve("backups"));
      assertThat(folder.getFileName().toString())
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z");
      assertThat(taken.getJsonNumber("tookMillis").longValue()).isNotNegative();
      database = taken.getString("database");
      assertThat(Path.of(database)).isEqualTo(folder.resolve("db"));
      assertThat(Files.isDirectory(Path.of(database))).isTrue();
      assertThat(api.get("/api/v1/audit").body()).contains("BACKUP_CREATED");

      // written after the backup: not in the restored database
      api.post("/api/v1/queues", "{\"name\":\"After backup\"}");
    }

    Path fresh = dir.resolve("restored");
    Files.createDirectories(fresh);
    try (PayaraProcess server =
        new PayaraProcess(
            log,
            List.of(
                "-Drappel.data.dir=" + fresh,
                "-Drappel.datasource.database=" + fresh.resolve("db") + ";restoreFrom=" + database,
                "-Drappel.admin.password=" + password))) {
      Api api = server.start().as("admin", password);
      Api.Reply read = api.get("/api/v1/callbacks/" + callbackId);
      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      assertThat(read.json().getString("customerName")).isEqualTo("Backed, \"up\"");
      assertThat(api.get("/api/v1/queues").body()).contains("Kept").doesNotContain("After backup");
    }
    assertThat(Files.isDirectory(fresh.resolve("db"))).isTrue();
  }

  /** Closes this test's hold on the embedded database, so that the server can open it. */
  private static void shutDown(Connection holder, Path db) throws Exception {
    if (holder.isClosed()) {
      return;
    }
    holder.close();
    try {
      DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true");
    } catch (java.sql.SQLException expected) {
      // Derby reports a clean shutdown as an exception
    }
  }

  private static String firstAdminPassword(Path log) throws Exception {
    Matcher matcher =
        Pattern.compile("user 'admin' created with password: (\\S+)")
            .matcher(Files.readString(log));
    assertThat(matcher.find()).as("the first start prints the admin password").isTrue();
    return matcher.group(1);
  }

  /** Reads the stopped server's database directly: no password or token in clear. */
  private static void assertSecretsAreHashed(Path dataDir, String password, String token)
      throws Exception {
    try (Connection connection = TestDatabase.open(dataDir);
        Statement statement = connection.createStatement()) {
      try (ResultSet users =
          statement.executeQuery("SELECT password_hash FROM app_user WHERE username = 'admin'")) {
        assertThat(users.next()).isTrue();
        assertThat(users.getString(1)).startsWith("PBKDF2WithHmacSHA256:").doesNotContain(password);
      }
      try (ResultSet tokens = statement.executeQuery("SELECT token_hash FROM api_token")) {
        assertThat(tokens.next()).isTrue();
        assertThat(tokens.getString(1)).hasSize(64).doesNotContain(token).isNotEqualTo(token);
      }
    } finally {
      TestDatabase.release(dataDir);
    }
  }
}
