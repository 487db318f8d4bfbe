package dev.rappel.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.PayaraProcess;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What was written before a restart is read back after it, from the embedded database files. */
class RestartIT {

  @Test
  void callback_written_before_a_restart_is_read_back_after_it() throws Exception {
    Path dir = PayaraProcess.workDir("restart-it");
    List<String> options = List.of("-Drappel.data.dir=" + dir.resolve("data"));
    Path log = dir.resolve("server.log");
    long callbackId;
    String scheduledAt;
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(7);
    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start();
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
    }
    assertThat(Files.exists(dir.resolve("data").resolve("db"))).isTrue();

    try (PayaraProcess server = new PayaraProcess(log, options)) {
      Api api = server.start();
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
    }
  }
}
