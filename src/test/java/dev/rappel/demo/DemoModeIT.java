package dev.rappel.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rappel.testing.Api;
import dev.rappel.testing.PayaraProcess;
import dev.rappel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented switch turns an empty server into a small living contact center. */
class DemoModeIT {

  @Test
  void demo_mode_seeds_an_empty_database_and_the_engine_moves_it_along() throws Exception {
    assumeFalse(
        TestDatabase.isPostgresql(),
        "demo mode is for a first look on the embedded database, never for production");
    Path dir = PayaraProcess.workDir("demo-it");
    List<String> options = new ArrayList<>(TestDatabase.freshServerOptions(dir));
    options.addAll(
        List.of(
            "-Drappel.admin.password=" + Api.ADMIN_PASSWORD,
            "-Drappel.demo=true",
            "-Drappel.demo.first-due-seconds=5"));
    try (PayaraProcess server = new PayaraProcess(dir.resolve("server.log"), options)) {
      Api admin = server.start();
      assertThat(admin.get("/api/v1/queues").body()).contains("\"Support\"", "\"Sales\"");
      Api sam = admin.as("sam", "demo-password");
      assertThat(sam.get("/api/v1/callbacks").json().getInt("total")).isGreaterThanOrEqualTo(18);
      Api alice = admin.as("alice", "demo-password");
      assertThat(alice.get("/api/v1/callbacks").status()).isEqualTo(200);
      // the first callbacks are due 5 s after start here (a minute by default): the engine offers
      // or
      // dials them
      await()
          .atMost(Duration.ofSeconds(150))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () ->
                  assertThat(
                          sam.get("/api/v1/callbacks?state=OFFERED,RESERVED,DIALING,CONNECTED")
                              .json()
                              .getInt("total"))
                      .isPositive());
    }
  }
}
