package dev.rappel.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.SharedServer;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compliance on the real server: bookings refused with suggestions, a due callback held until its
 * calling hours open, the do-not-call list and its CSV import, a number listed after booking, and
 * the contact cap deferring a retry. The server's clock is the test's, moved forward by hand.
 */
@SharedServer
class ComplianceIT {
  /** Each test its own numbers: the list and the cap are tenant-wide. */
  static final AtomicInteger NUMBERS = new AtomicInteger(10);

  @SharedServer.Base URL base;

  Api api;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(base.toURI().resolve("/"));
  }

  private Instant advance(long seconds) {
    Reply reply = api.post("/api/v1/test/clock/advance?seconds=" + seconds, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Instant.parse(reply.body());
  }

  /** The server's now, moved if needed to a half hour before 19:00 UTC so a window fits the day. */
  private Instant morning() {
    Instant now = advance(0);
    int hour = now.atZone(ZoneOffset.UTC).getHour();
    if (hour >= 18) {
      now = advance((24 - hour + 2) * 3600L);
    }
    return now;
  }

  private static String number() {
    return "+331426855" + String.format("%02d", NUMBERS.getAndIncrement());
  }

  /** Every day from {@code from} to {@code to} (UTC hours of the day, "HH:00"). */
  private static String hours(int from, int to) {
    StringBuilder days = new StringBuilder();
    for (String day :
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      days.append(days.length() == 0 ? "" : ",")
          .append(
              String.format("\"%s\":[{\"from\":\"%02d:00\",\"to\":\"%02d:00\"}]", day, from, to));
    }
    return "{\"days\":{" + days + "},\"closedDates\":[]}";
  }

  private long queue(String name, String settings) {
    Reply reply =
        api.post(
            "/api/v1/queues", "{\"name\":\"" + name + "\",\"callbackSettings\":" + settings + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private void availableMember(long queue) {
    long agent = api.post("/api/v1/agents", "{\"name\":\"A\",\"status\":\"AVAILABLE\"}").id();
    assertThat(
            api.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + agent + "]}")
                .status())
        .isEqualTo(200);
  }

  private Reply book(long queue, String number, Instant at, String extra) {
    return api.post(
        "/api/v1/callbacks",
        "{\"queueId\":"
            + queue
            + ",\"phoneNumber\":\""
            + number
            + "\",\"customerName\":\"C\",\"timeZone\":\"UTC\",\"scheduledAt\":\""
            + at
            + "\""
            + extra
            + "}");
  }

  private JsonObject callback(long id) {
    return api.get("/api/v1/callbacks/" + id).json();
  }

  private static List<String> events(JsonObject callback) {
    return callback.getJsonArray("history").getValuesAs(JsonObject.class).stream()
        .map(h -> h.getString("event"))
        .toList();
  }

  private void awaitEvent(long id, String event) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(events(callback(id))).contains(event));
  }

  private List<String> outcomes(long id) {
    Reply reply = api.get("/api/v1/callbacks/" + id + "/compliance");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .map(c -> c.getString("stage") + ":" + c.getString("outcome"))
        .toList();
  }

  @Test
  void a_booking_outside_the_calling_hours_is_refused_with_the_nearest_allowed_time() {
    Instant now = morning();
    int hour = now.atZone(ZoneOffset.UTC).getHour();
    long queue =
        queue("Hours-" + UUID.randomUUID(), "{\"callingHours\":" + hours(hour + 2, hour + 3) + "}");
    Instant opening =
        ZonedDateTime.ofInstant(now, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.HOURS)
            .plusHours(2)
            .toInstant();

    Reply refused = book(queue, number(), now.plusSeconds(600), "");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    JsonObject problem = refused.json();
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("scheduledAt");
    JsonObject first = problem.getJsonArray("suggestedAt").getJsonObject(0);
    assertThat(Instant.parse(first.getString("at"))).isEqualTo(opening);
    assertThat(first.getString("customerLocalTime")).endsWith("Z");

    Reply booked = book(queue, number(), Instant.parse(first.getString("at")), "");
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(outcomes(booked.id())).containsExactly("BOOKING:ALLOWED");
  }

  @Test
  void a_customer_asking_for_a_time_outside_the_hours_is_booked_only_where_the_queue_allows_it() {
    Instant now = morning();
    int hour = now.atZone(ZoneOffset.UTC).getHour();
    long strict =
        queue(
            "Strict-" + UUID.randomUUID(), "{\"callingHours\":" + hours(hour + 2, hour + 3) + "}");
    long lenient =
        queue(
            "Lenient-" + UUID.randomUUID(),
            "{\"callingHours\":"
                + hours(hour + 2, hour + 3)
                + ",\"allowCustomerRequestedOutsideHours\":true}");
    String consent = ",\"outsideHoursConsent\":true";

    Reply refused = book(strict, number(), now.plusSeconds(600), consent);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("outsideHoursConsent");

    Reply booked = book(lenient, number(), now.plusSeconds(600), consent);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    JsonObject history = callback(booked.id()).getJsonArray("history").getJsonObject(1);
    assertThat(history.getString("event")).isEqualTo("OUTSIDE_HOURS_CONSENT");
    assertThat(history.getString("actor")).isNotBlank();
  }

  @Test
  void a_callback_due_outside_its_hours_is_held_until_they_open_then_delivered() {
    Instant now = morning();
    int hour = now.atZone(ZoneOffset.UTC).getHour();
    String name = "Held-" + UUID.randomUUID();
    long queue = queue(name, "{}");
    availableMember(queue);
    Reply booked = book(queue, number(), now.plusSeconds(120), "");
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    long id = booked.id();
    // the policy changes after booking: calls only from hour+2
    Reply changed =
        api.put(
            "/api/v1/queues/" + queue,
            "{\"name\":\""
                + name
                + "\",\"callbackSettings\":{\"callingHours\":"
                + hours(hour + 2, hour + 3)
                + "}}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

    advance(120);
    awaitEvent(id, "HELD_FOR_CALLING_HOURS");
    JsonObject held = callback(id);
    assertThat(held.getString("state")).isEqualTo("SCHEDULED");
    Instant opening =
        ZonedDateTime.ofInstant(now, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.HOURS)
            .plusHours(2)
            .toInstant();
    assertThat(Instant.parse(held.getString("dueAt"))).isEqualTo(opening);
    assertThat(events(held)).doesNotContain("OFFERED", "DIALING");

    advance(Duration.between(advance(0), opening).getSeconds() + 1);
    awaitEvent(id, "OFFERED");
    assertThat(outcomes(id)).containsSubsequence("BOOKING:ALLOWED", "DIAL:HELD", "DIAL:ALLOWED");
  }

  @Test
  void a_csv_import_reports_each_line_and_imports_nothing_twice() {
    String a = number();
    String b = number();
    String spaced = "+33 1 42 68 55 " + a.substring(a.length() - 2);
    String csv =
        "phoneNumber,reason,expiresAt\n"
            + spaced
            + ",asked\n"
            + a
            + "\n"
            + "not-a-number\n"
            + "\""
            + b
            + "\",\"complaint, by mail\"\n";

    Reply report = api.send("POST", "/api/v1/dnc/import", csv, "text/csv");
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    JsonObject json = report.json();
    assertThat(json.getInt("imported")).isEqualTo(2);
    assertThat(json.getInt("duplicates")).isEqualTo(1);
    assertThat(json.getInt("invalid")).isEqualTo(1);
    List<String> lines =
        json.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
            .map(l -> l.getInt("line") + ":" + l.getString("status"))
            .toList();
    assertThat(lines).containsExactly("2:IMPORTED", "3:DUPLICATE", "4:INVALID", "5:IMPORTED");

    Reply again = api.send("POST", "/api/v1/dnc/import", csv, "text/csv");
    assertThat(again.json().getInt("imported")).isZero();

    Reply found = api.get("/api/v1/dnc?phoneNumber=" + b.replace("+", "%2B"));
    assertThat(found.json().getInt("total")).isEqualTo(1);
    assertThat(found.json().getJsonArray("items").getJsonObject(0).getString("reason"))
        .isEqualTo("complaint, by mail");

    long queue = queue("Dnc-" + UUID.randomUUID(), "{}");
    Reply refused = book(queue, spaced, advance(0).plusSeconds(600), "");
    assertThat(refused.status()).isEqualTo(422);
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("phoneNumber");
    assertThat(error.getString("message")).contains("on the do-not-call list");

    assertThat(api.send("DELETE", "/api/v1/dnc/" + b.replace("+", "%2B"), null, null).status())
        .isEqualTo(204);
    assertThat(book(queue, b, advance(0).plusSeconds(600), "").status()).isEqualTo(201);
  }

  @Test
  void a_number_listed_after_booking_is_canceled_before_it_is_dialled() {
    long queue = queue("Listed-" + UUID.randomUUID(), "{}");
    availableMember(queue);
    String number = number();
    Reply booked = book(queue, number, advance(0).plusSeconds(60), "");
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    Reply listed =
        api.post(
            "/api/v1/dnc", "{\"phoneNumber\":\"" + number + "\",\"reason\":\"asked on a call\"}");
    assertThat(listed.status()).as(listed.toString()).isEqualTo(201);
    assertThat(listed.json().getString("createdBy")).isNotBlank();

    advance(61);
    awaitEvent(booked.id(), "DO_NOT_CALL");
    JsonObject canceled = callback(booked.id());
    assertThat(canceled.getString("state")).isEqualTo("CANCELED");
    assertThat(canceled.getJsonArray("attempts")).isEmpty();
    assertThat(events(canceled)).doesNotContain("OFFERED", "DIALING");
    assertThat(outcomes(booked.id())).containsExactly("BOOKING:ALLOWED", "DIAL:CANCELED");
  }

  @Test
  void the_contact_cap_defers_a_retry_until_the_first_attempt_leaves_the_window() {
    long queue =
        queue(
            "Capped-" + UUID.randomUUID(),
            "{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":2,\"retryDelaySeconds\":30,"
                + "\"contactCap\":{\"maxAttempts\":1,\"perDays\":1}}");
    availableMember(queue);
    Reply booked = book(queue, number(), advance(0).plusSeconds(2), "");
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    long id = booked.id();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(callback(id).getString("state")).isEqualTo("RETRY_WAIT"));
    Instant firstDial =
        Instant.parse(
            callback(id).getJsonArray("attempts").getJsonObject(0).getString("startedAt"));

    advance(31);
    awaitEvent(id, "DEFERRED_BY_CONTACT_CAP");
    JsonObject deferred = callback(id);
    assertThat(deferred.getString("state")).isEqualTo("RETRY_WAIT");
    assertThat(Instant.parse(deferred.getString("dueAt")))
        .isEqualTo(firstDial.plus(Duration.ofDays(1)));
    assertThat(deferred.getJsonArray("attempts")).hasSize(1);
    assertThat(outcomes(id)).contains("DIAL:DEFERRED");
  }

  @Test
  void bad_calling_hours_and_caps_are_refused_naming_the_field() {
    Reply reply =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"Bad-"
                + UUID.randomUUID()
                + "\",\"callbackSettings\":{\"callingHours\":{\"days\":{\"MONDAY\":[{\"from\":\"21:00\",\"to\":\"08:00\"}]}},"
                + "\"contactCap\":{\"maxAttempts\":0,\"perDays\":7}}}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.body())
        .contains("callbackSettings.callingHours.days.MONDAY[0]")
        .contains("callbackSettings.contactCap.maxAttempts");
  }
}
