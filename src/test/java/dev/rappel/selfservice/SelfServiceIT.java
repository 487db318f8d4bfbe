package dev.rappel.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.Api.Reply;
import dev.rappel.testing.Browser;
import dev.rappel.testing.SharedServer;
import dev.rappel.testing.TestRuns;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Slots with room and the customer's self-service page, on the real server: exact counting under
 * concurrent bookings, refusals with the next free slots, links that open only their own callback,
 * changes made by the customer, and the page in a phone's width in English and French.
 */
@SharedServer
class SelfServiceIT {
  private static final AtomicInteger NUMBERS = new AtomicInteger(10);
  private static final Pattern OPTION = Pattern.compile("<option value=\"([0-9T:\\-]+Z)\"");

  @SharedServer.Base URL base;

  Api api;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(base.toURI().resolve("/"));
    api.captureLog();
  }

  private Instant now() {
    Reply reply = api.post("/api/v1/test/clock/advance?seconds=0", null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Instant.parse(reply.body());
  }

  private static String number() {
    return "+331426854" + String.format("%02d", NUMBERS.getAndIncrement());
  }

  private long queue(String settings) {
    Reply reply =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"S " + UUID.randomUUID() + "\",\"callbackSettings\":" + settings + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  private Reply book(Api as, long queue, Instant at) {
    return as.post(
        "/api/v1/callbacks",
        "{\"queueId\":"
            + queue
            + ",\"phoneNumber\":\""
            + number()
            + "\",\"customerName\":\"C\",\"timeZone\":\"Europe/Paris\",\"scheduledAt\":\""
            + at
            + "\"}");
  }

  /** Tomorrow at 10:00 UTC on the server's clock: a quarter-hour slot's start. */
  private Instant tomorrowTen() {
    return now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(34));
  }

  /** Paris's offset then: winter or summer time, wherever other classes moved the clock. */
  private static String parisOffset(Instant at) {
    return java.time.ZoneId.of("Europe/Paris").getRules().getOffset(at).getId();
  }

  // ------------------------------------------------------------------ slots with room

  @Test
  void sixteen_concurrent_bookings_into_a_slot_of_five_accept_exactly_five() throws Exception {
    long queue = queue("{\"slotCapacity\":{\"slotMinutes\":15,\"maxCallbacks\":5}}");
    Instant slot = tomorrowTen();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Instant at = slot.plusSeconds(i * 30L);
        Api client = new Api(api.server());
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return book(client, queue, at);
                }));
      }
      start.countDown();
      List<Reply> done = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        done.add(reply.get());
      }
      assertThat(done.stream().filter(r -> r.status() == 201)).hasSize(5);
      List<Reply> refused = done.stream().filter(r -> r.status() == 422).toList();
      assertThat(refused).as(done.toString()).hasSize(11);
      JsonArray suggested = refused.get(0).json().getJsonArray("suggestedAt");
      assertThat(suggested).hasSize(3);
      assertThat(suggested.getJsonObject(0).getString("at"))
          .isEqualTo(slot.plus(Duration.ofMinutes(15)).toString());
      assertThat(suggested.getJsonObject(0).getString("customerLocalTime"))
          .endsWith(parisOffset(slot.plus(Duration.ofMinutes(15))));
    } finally {
      pool.shutdownNow();
    }
    JsonObject slots =
        api.get(
                "/api/v1/queues/"
                    + queue
                    + "/slots?from="
                    + slot
                    + "&to="
                    + slot.plus(Duration.ofMinutes(30))
                    + "&timeZone=Europe/Paris")
            .json();
    JsonObject first = slots.getJsonArray("slots").getJsonObject(0);
    assertThat(first.getString("start")).isEqualTo(slot.toString());
    assertThat(first.getString("localStart")).endsWith(parisOffset(slot));
    assertThat(first.getInt("taken")).isEqualTo(5);
    assertThat(first.getInt("free")).isZero();
    assertThat(slots.getJsonArray("slots").getJsonObject(1).getInt("free")).isEqualTo(5);
  }

  @Test
  void a_reschedule_into_a_full_slot_is_refused_and_leaving_a_slot_frees_its_place() {
    long queue = queue("{\"slotCapacity\":{\"slotMinutes\":30,\"maxCallbacks\":1}}");
    Instant slot = tomorrowTen();
    long first = book(api, queue, slot).id();
    long second = book(api, queue, slot.plus(Duration.ofHours(1))).id();
    Reply refused =
        api.patch(
            "/api/v1/callbacks/" + second, "{\"scheduledAt\":\"" + slot.plusSeconds(600) + "\"}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("scheduledAt");
    assertThat(refused.json().getJsonArray("suggestedAt").getJsonObject(0).getString("at"))
        .isEqualTo(slot.plus(Duration.ofMinutes(30)).toString());
    // a callback's own place does not count against its move inside its slot
    assertThat(
            api.patch(
                    "/api/v1/callbacks/" + first,
                    "{\"scheduledAt\":\"" + slot.plusSeconds(60) + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(api.post("/api/v1/callbacks/" + first + "/cancel", null).status()).isEqualTo(200);
    assertThat(
            api.patch(
                    "/api/v1/callbacks/" + second,
                    "{\"scheduledAt\":\"" + slot.plusSeconds(600) + "\"}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void slot_capacity_is_shown_by_the_queue_and_checked_when_set() {
    long queue = queue("{\"slotCapacity\":{\"slotMinutes\":60,\"maxCallbacks\":3}}");
    JsonObject settings =
        api.get("/api/v1/queues/" + queue).json().getJsonObject("callbackSettings");
    assertThat(settings.getJsonObject("slotCapacity").getInt("slotMinutes")).isEqualTo(60);
    assertThat(settings.getJsonObject("slotCapacity").getInt("maxCallbacks")).isEqualTo(3);
    long plain = queue("{}");
    assertThat(
            api.get("/api/v1/queues/" + plain)
                .json()
                .getJsonObject("callbackSettings")
                .isNull("slotCapacity"))
        .isTrue();
    Reply bad =
        api.post(
            "/api/v1/queues",
            "{\"name\":\"bad\",\"callbackSettings\":{\"slotCapacity\":{\"slotMinutes\":20,\"maxCallbacks\":0}}}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body())
        .contains("callbackSettings.slotCapacity.slotMinutes")
        .contains("callbackSettings.slotCapacity.maxCallbacks");
  }

  @Test
  void the_slot_list_refuses_a_range_too_long_or_backwards_and_unknown_zones() {
    long queue = queue("{\"slotCapacity\":{\"slotMinutes\":15,\"maxCallbacks\":3}}");
    Instant from = now();
    Reply tooLong =
        api.get(
            "/api/v1/queues/"
                + queue
                + "/slots?from="
                + from
                + "&to="
                + from.plus(Duration.ofDays(32)));
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.body()).contains("\"field\":\"to\"");
    Reply backwards =
        api.get("/api/v1/queues/" + queue + "/slots?from=" + from + "&to=" + from.minusSeconds(60));
    assertThat(backwards.status()).isEqualTo(422);
    Reply zone = api.get("/api/v1/queues/" + queue + "/slots?timeZone=Mars/Olympus");
    assertThat(zone.status()).isEqualTo(422);
    assertThat(zone.body()).contains("\"field\":\"timeZone\"");
    assertThat(api.get("/api/v1/queues/" + queue + "/slots?from=yesterday").status())
        .isEqualTo(422);
    assertThat(api.get("/api/v1/queues/999999/slots").status()).isEqualTo(404);
  }

  // ------------------------------------------------------------------ self-service

  private record Link(String url, String path) {}

  private Link link(long callback) {
    Reply reply = api.post("/api/v1/callbacks/" + callback + "/link", null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    String url = reply.json().getString("url");
    assertThat(Instant.parse(reply.json().getString("expiresAt")))
        .isAfter(now().plus(Duration.ofDays(29)));
    return new Link(url, java.net.URI.create(url).getPath());
  }

  private Reply page(String path, String language) {
    return api.anonymous()
        .send("GET", path, null, "text/html", Map.of("Accept-Language", language));
  }

  private Reply submit(String path, String form) {
    return api.anonymous().send("POST", path, form, "application/x-www-form-urlencoded", Map.of());
  }

  private long callback(long queue, Instant at) {
    Reply reply = book(api, queue, at);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  @Test
  void a_link_opens_its_own_callback_only_and_every_other_token_the_same_neutral_page() {
    long queue = queue("{}");
    long mine = callback(queue, tomorrowTen());
    long other = callback(queue, tomorrowTen().plusSeconds(3600));
    Link link = link(mine);
    assertThat(link.path()).matches("/c/[A-Za-z0-9_-]{43}");

    Reply open = page(link.path(), "en");
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body()).contains("Scheduled").contains("Europe/Paris").doesNotContain("+33");

    Reply wrong = page("/c/" + "A".repeat(43), "en");
    Reply otherId = page("/c/" + other, "en");
    assertThat(wrong.status()).isEqualTo(404);
    assertThat(otherId.status()).isEqualTo(404);
    assertThat(otherId.body()).isEqualTo(wrong.body());

    Link second = link(other);
    assertThat(api.send("DELETE", "/api/v1/callbacks/" + other + "/link", null, null).status())
        .isEqualTo(204);
    Reply revoked = page(second.path(), "en");
    assertThat(revoked.status()).isEqualTo(404);
    assertThat(revoked.body()).isEqualTo(wrong.body());

    // a callback that ended: the same page
    long ended = callback(queue, tomorrowTen().plusSeconds(7200));
    Link endedLink = link(ended);
    assertThat(api.post("/api/v1/callbacks/" + ended + "/cancel", null).status()).isEqualTo(200);
    Reply afterEnd = page(endedLink.path(), "en");
    assertThat(afterEnd.status()).isEqualTo(404);
    assertThat(afterEnd.body()).isEqualTo(wrong.body()).doesNotContain(endedLink.path());
    assertThat(api.post("/api/v1/callbacks/" + ended + "/link", null).status()).isEqualTo(409);

    // a request the page cannot read logs nothing of its path either
    submit(link.path(), "action=reschedule&at=not-a-time");
    for (Link issued : List.of(link, second, endedLink)) {
      String token = issued.path().substring("/c/".length());
      assertThat(api.logged(token)).as("token in the server's log").isFalse();
    }
    assertThat(api.logged("/c/")).isFalse();
  }

  @Test
  void a_token_asked_for_too_often_gets_a_friendly_429_until_its_window_ends() {
    String guessed = "/c/" + "G".repeat(43);
    for (int i = 0; i < 60; i++) {
      assertThat(page(guessed, "en").status()).isEqualTo(404);
    }
    Reply limited = page(guessed, "fr");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isPresent();
    assertThat(limited.body()).contains("Trop de demandes").contains("lang=\"fr\"");
    // ten minutes later (the server's clock) the window, for the token and this address, is over
    api.post("/api/v1/test/clock/advance?seconds=601", null);
    assertThat(page(guessed, "en").status()).isEqualTo(404);
  }

  @Test
  void a_link_expires_after_its_days() {
    long queue = queue("{}");
    Instant now = now();
    long callback = callback(queue, now.plus(Duration.ofDays(29)));
    Link link = link(callback);
    Reply wrong = page("/c/" + "B".repeat(43), "fr");
    assertThat(page(link.path(), "fr").status()).isEqualTo(200);
    api.post(
        "/api/v1/test/clock/advance?seconds=" + Duration.ofDays(30).plusMinutes(1).toSeconds(),
        null);
    Reply expired = page(link.path(), "fr");
    assertThat(expired.status()).isEqualTo(404);
    assertThat(expired.body()).isEqualTo(wrong.body()).contains("Lien non valide");
  }

  @Test
  void the_customer_moves_then_cancels_the_callback_and_the_history_says_customer() {
    long queue = queue("{\"slotCapacity\":{\"slotMinutes\":30,\"maxCallbacks\":1}}");
    Instant at = tomorrowTen();
    long callback = callback(queue, at);
    callback(queue, at.plus(Duration.ofMinutes(30))); // the next slot is full
    Link link = link(callback);
    String day = at.atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate().toString();

    Reply form = page(link.path() + "?day=" + day, "en");
    List<String> times = options(form.body());
    assertThat(times)
        .doesNotContain(at.plus(Duration.ofMinutes(30)).toString())
        .contains(at.plus(Duration.ofMinutes(60)).toString());
    String chosen = at.plus(Duration.ofMinutes(60)).toString();

    Reply moved = submit(link.path(), "action=reschedule&at=" + enc(chosen));
    assertThat(moved.status()).isIn(302, 303);
    assertThat(moved.header("Location").orElseThrow()).endsWith(link.path() + "?done=moved");
    JsonObject after = api.get("/api/v1/callbacks/" + callback).json();
    assertThat(after.getString("scheduledAt")).isEqualTo(chosen);
    JsonObject last = lastHistory(after);
    assertThat(last.getString("event")).isEqualTo("RESCHEDULED");
    assertThat(last.getString("actor")).isEqualTo("customer");

    // a full slot, chosen on a page read before it filled up: refused, nothing changes
    Reply full =
        submit(
            link.path(), "action=reschedule&at=" + enc(at.plus(Duration.ofMinutes(30)).toString()));
    assertThat(full.header("Location").orElseThrow()).endsWith("?error=full");
    assertThat(api.get("/api/v1/callbacks/" + callback).json().getString("scheduledAt"))
        .isEqualTo(chosen);

    Reply confirm = page(link.path() + "?confirm=cancel", "en");
    assertThat(confirm.body()).contains("Yes, cancel my callback");
    Reply canceled = submit(link.path(), "action=cancel");
    assertThat(canceled.header("Location").orElseThrow()).endsWith("/c/canceled");
    JsonObject end = api.get("/api/v1/callbacks/" + callback).json();
    assertThat(end.getString("state")).isEqualTo("CANCELED");
    assertThat(lastHistory(end).getString("actor")).isEqualTo("customer");
    assertThat(page(link.path(), "en").status()).isEqualTo(404);
  }

  // a browser test: the page is the same on either database, so the Derby run has it
  @Test
  @Tag(TestRuns.DERBY_ONLY)
  void the_customer_page_at_phone_width_is_accessible_in_english_and_french() throws Exception {
    long queue = queue("{\"slotCapacity\":{\"slotMinutes\":30,\"maxCallbacks\":4}}");
    long callback = callback(queue, tomorrowTen());
    Link link = link(callback);
    String axe =
        Files.readString(Path.of("src", "test", "lint", "node_modules", "axe-core", "axe.min.js"));
    ChromeDriver driver = Browser.start();
    try {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
      driver.executeCdpCommand("Network.enable", Map.of());
      for (String language : List.of("en", "fr")) {
        driver.executeCdpCommand(
            "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", language)));
        driver.get(base.toURI().resolve(link.path()).toString());
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
        assertThat(driver.findElement(By.id("move")).getText())
            .isEqualTo(language.equals("en") ? "Move my callback" : "Déplacer mon rappel");
        // nothing wider than the phone's screen
        Object scroll = driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(((Number) scroll).intValue()).isLessThanOrEqualTo(360);
        driver.executeScript(axe);
        Object violations =
            driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
                    + " 'wcag21a', 'wcag21aa']}}).then(function (r) { done(r.violations"
                    + ".filter(function (v) { return v.impact === 'serious' || v.impact ==="
                    + " 'critical'; }).map(function (v) { return v.id + ': ' + v.help; })); });");
        assertThat((List<?>) violations).as(language).isEmpty();
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "self-service-" + language + ".png"), png);
      }
      // keyboard: the cancel button is reachable and works without a mouse
      driver.findElement(By.id("cancel")).sendKeys(org.openqa.selenium.Keys.ENTER);
      // Enter submits the form: wait for the confirmation page rather than race its load
      new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
          .until(d -> !d.findElements(By.id("cancel-yes")).isEmpty());
      assertThat(driver.findElement(By.id("cancel-yes")).isDisplayed()).isTrue();
    } finally {
      driver.quit();
    }
  }

  private static List<String> options(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = OPTION.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static JsonObject lastHistory(JsonObject callback) {
    JsonArray history = callback.getJsonArray("history");
    return history.getJsonObject(history.size() - 1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
