package dev.rappel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Browser;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What a supervisor does in the browser, in headless Chromium against the real server. */
class SupervisorConsoleIT extends ConsoleTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String PASSWORD = "supervisor password 123";

  String username;

  @BeforeEach
  void supervisor() {
    username = "sam-" + UUID.randomUUID().toString().substring(0, 6);
    String body =
        "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[\"SUPERVISOR\"]}"
            .formatted(username, PASSWORD);
    assertThat(admin.post("/api/v1/users", body).status()).isEqualTo(201);
  }

  // ------------------------------------------------------------------ helpers

  private void waitUntil(String what, java.util.function.Predicate<ChromeDriver> condition) {
    until(d -> condition.test(browser), what);
  }

  private long queue(String name, boolean ownedCallbacks) {
    String settings =
        ownedCallbacks ? ",\"callbackSettings\":{\"ownedCallbacks\":{\"enabled\":true}}" : "";
    return admin.post("/api/v1/queues", "{\"name\":\"" + name + "\"" + settings + "}").id();
  }

  private long callback(long queue, String number, String customer, Instant at) {
    var reply =
        admin.post(
            "/api/v1/callbacks",
            "{\"queueId\":%d,\"phoneNumber\":\"%s\",\"customerName\":\"%s\",\"scheduledAt\":\"%s\",\"timeZone\":\"America/New_York\"}"
                .formatted(queue, number, customer, at));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.id();
  }

  /** A Paris number prefix no other test uses: 5 random digits after +3314. */
  private static String numberPrefix() {
    return "+3314" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
  }

  private void openConsole() {
    browser.get(server.resolve("supervisor/callbacks.xhtml").toString());
    signIn(username, PASSWORD);
    // after signing in the login lands on the home page
    waitFor(By.linkText("See and control every scheduled callback")).click();
    waitFor(By.id("list:table"));
  }

  private void filterByNumber(String number) {
    WebElement input = waitFor(By.id("list:number"));
    input.clear();
    input.sendKeys(number);
    browser.findElement(By.id("list:apply")).click();
  }

  private List<String> column(String id) {
    return browser.findElements(By.cssSelector("#list\\:table_data tr")).stream()
        .map(row -> row.findElements(By.cssSelector("[id$=':" + id + "']")))
        .filter(cells -> !cells.isEmpty())
        .map(cells -> cells.get(0).getText())
        .toList();
  }

  private void waitForRows(int count, String containing) {
    waitUntil(
        count + " row(s) with " + containing,
        d ->
            d.findElements(By.cssSelector("#list\\:table_data tr[data-ri]")).size() == count
                && d.findElement(By.id("list:table_data")).getText().contains(containing));
  }

  private void confirm() {
    waitFor(By.id("list:confirmYes")).click();
  }

  private JsonObject lastHistory(long id) {
    JsonArray history = admin.get("/api/v1/callbacks/" + id).json().getJsonArray("history");
    return history.getJsonObject(history.size() - 1);
  }

  private static String inNewYork(Instant at) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at.atZone(NEW_YORK).toLocalDateTime());
  }

  /**
   * A download on the browser's session: the console's export is signed in like its pages. With
   * every cookie of the browser, as the browser would: the session's version cookie too.
   */
  private HttpResponse<String> download(String url) throws Exception {
    String cookies =
        browser.manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(java.util.stream.Collectors.joining("; "));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  // ------------------------------------------------------------------ tests

  @Test
  void supervisor_exports_the_filtered_list_as_csv_and_an_agent_exports_only_its_own()
      throws Exception {
    String queueName = "Exported " + UUID.randomUUID();
    long queue = queue(queueName, false);
    String prefix = numberPrefix();
    Instant at = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
    long quoted = callback(queue, prefix + "01", "Hopper, Grace \\\"Amazing\\\"", at);
    long plain = callback(queue, prefix + "02", "Ada Lovelace", at.plusSeconds(60));
    callback(queue, numberPrefix() + "03", "Not in the filter", at);
    long agent = admin.post("/api/v1/agents", "{\"name\":\"Exporting agent\"}").id();
    admin.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + agent + "]}");
    var preferred =
        admin.post(
            "/api/v1/callbacks",
            "{\"queueId\":%d,\"phoneNumber\":\"%s04\",\"customerName\":\"Agent's own\",\"scheduledAt\":\"%s\",\"preferredAgentId\":%d}"
                .formatted(queue, prefix, at.plusSeconds(120), agent));
    assertThat(preferred.status()).as(preferred.toString()).isEqualTo(201);

    openConsole();
    filterByNumber(prefix);
    waitForRows(3, "Ada Lovelace");
    String exportUrl = waitFor(By.id("list:export")).getAttribute("href");
    assertThat(exportUrl).contains("phoneNumber=" + prefix.replace("+", "%2B"));

    HttpResponse<String> csv = download(exportUrl);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body().split("\r\n", -1))
        .containsExactly(
            "id,customer,number,scheduled (UTC),customer local time,zone,queue,owner,state,attempts",
            quoted
                + ",\"Hopper, Grace \"\"Amazing\"\"\","
                + prefix
                + "01,"
                + at
                + ","
                + inNewYork(at)
                + ",America/New_York,"
                + queueName
                + ",,SCHEDULED,0",
            plain
                + ",Ada Lovelace,"
                + prefix
                + "02,"
                + at.plusSeconds(60)
                + ","
                + inNewYork(at.plusSeconds(60))
                + ",America/New_York,"
                + queueName
                + ",,SCHEDULED,0",
            csv.body().lines().toList().get(3),
            "");
    assertThat(csv.body().lines().toList().get(3)).startsWith(preferred.id() + ",Agent's own,");

    // a filter that cannot be read is refused as the API's list refuses it
    HttpResponse<String> refused =
        download(exportUrl.replace("phoneNumber=", "from=yesterday&phoneNumber="));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(refused.body()).contains("\"field\":\"from\"");

    // an agent's export of the same list holds only the callback it is preferred for
    String agentUser = "ann-" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[\"AGENT\"],\"agentId\":%d}"
                        .formatted(agentUser, PASSWORD, agent))
                .status())
        .isEqualTo(201);
    browser.manage().deleteAllCookies();
    browser.get(server.resolve("agent/desk.xhtml").toString());
    signIn(agentUser, PASSWORD);
    waitFor(By.id("signed-in-user"));
    HttpResponse<String> own = download(exportUrl);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body().lines().skip(1).toList())
        .singleElement()
        .asString()
        .startsWith(preferred.id() + ",Agent's own,");
  }

  @Test
  void supervisor_finds_a_callback_with_a_filter_reschedules_it_and_cancels_it() {
    long queue = queue("Supervised " + UUID.randomUUID(), false);
    String number = numberPrefix() + "01";
    long id = callback(queue, number, "Grace Hopper", Instant.now().plus(Duration.ofDays(1)));
    callback(queue, numberPrefix() + "02", "Someone Else", Instant.now().plus(Duration.ofDays(1)));

    openConsole();
    filterByNumber(number);
    waitForRows(1, "Grace Hopper");
    Browser.screenshot(browser, "supervisor-callbacks");

    // a time in the past is refused beside the date, and the dialog stays open
    browser.findElement(By.id("list:table:0:reschedule")).click();
    WebElement date = waitFor(By.id("reschedule:date_input"));
    assertThat(textOf(By.id("reschedule:title"))).contains("Grace Hopper");
    Browser.screenshot(browser, "supervisor-reschedule");
    LocalDate target = LocalDate.now(NEW_YORK).plusDays(2);
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    date.sendKeys(LocalDate.now(NEW_YORK).minusDays(1).toString(), Keys.ESCAPE);
    browser.findElement(By.id("reschedule:save")).click();
    confirm();
    waitUntil(
        "the date is refused beside it",
        d -> d.findElement(By.id("reschedule:dateMessage")).getText().contains("past"));
    assertThat(browser.findElement(By.id("rescheduleDialog")).isDisplayed()).isTrue();

    // in the customer's zone (the default), the day after tomorrow at 10:30
    date = browser.findElement(By.id("reschedule:date_input"));
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    date.sendKeys(target.toString(), Keys.ESCAPE);
    WebElement time = browser.findElement(By.id("reschedule:time"));
    time.clear();
    time.sendKeys("10:30");
    browser.findElement(By.id("reschedule:save")).click();
    confirm();
    waiting(15).until(ExpectedConditions.invisibilityOfElementLocated(By.id("rescheduleDialog")));
    waitUntil(
        "the row shows the new time",
        d -> column("customerTime").equals(List.of(target + " 10:30 America/New_York")));

    JsonObject rescheduled = admin.get("/api/v1/callbacks/" + id).json();
    assertThat(Instant.parse(rescheduled.getString("scheduledAt")))
        .isEqualTo(target.atTime(10, 30).atZone(NEW_YORK).toInstant());
    assertThat(rescheduled.getString("timeZone")).isEqualTo("America/New_York");
    assertThat(lastHistory(id).getString("event")).isEqualTo("RESCHEDULED");
    assertThat(lastHistory(id).getString("actor")).isEqualTo(username);

    // cancel, behind its confirmation
    browser.findElement(By.id("list:table:0:cancel")).click();
    confirm();
    waitUntil("the row is canceled", d -> column("state").equals(List.of("CANCELED")));
    Browser.screenshot(browser, "supervisor-canceled");
    assertThat(admin.get("/api/v1/callbacks/" + id).json().getString("state"))
        .isEqualTo("CANCELED");
    assertThat(lastHistory(id).getString("event")).isEqualTo("CANCELED");
    assertThat(lastHistory(id).getString("actor")).isEqualTo(username);
  }

  @Test
  void supervisor_completes_a_connected_callback_its_agent_did_not_wrap_up() {
    // customer first: the simulated dialer answers the second attempt, 30 s after the first
    long queue =
        admin
            .post(
                "/api/v1/queues",
                "{\"name\":\"Connected %s\",\"callbackSettings\":{\"mode\":\"CUSTOMER_FIRST\",\"maxRetryCount\":1,\"retryDelaySeconds\":30}}"
                    .formatted(UUID.randomUUID()))
            .id();
    long agent = admin.post("/api/v1/agents", "{\"name\":\"Agent\",\"status\":\"AVAILABLE\"}").id();
    admin.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + agent + "]}");
    String number = numberPrefix() + "21";
    var created =
        admin.post(
            "/api/v1/callbacks",
            "{\"queueId\":%d,\"phoneNumber\":\"%s\",\"customerName\":\"Katherine Johnson\"}"
                .formatted(queue, number));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.id();

    openConsole();
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                admin.get("/api/v1/callbacks/" + id).json().getString("state").equals("CONNECTED"));
    filterByNumber(number);
    waitForRows(1, "CONNECTED");
    assertThat(browser.findElements(By.id("list:table:0:cancel"))).isNotEmpty();

    browser.findElement(By.id("list:table:0:complete")).click();
    confirm();
    waitUntil("the row is completed", d -> column("state").equals(List.of("COMPLETED")));
    assertThat(browser.findElements(By.id("list:table:0:complete"))).isEmpty();
    JsonObject completed = admin.get("/api/v1/callbacks/" + id).json();
    assertThat(completed.getString("state")).isEqualTo("COMPLETED");
    assertThat(completed.isNull("assignedAgentId")).isTrue();
    assertThat(lastHistory(id).getString("event")).isEqualTo("COMPLETED");
    assertThat(lastHistory(id).getString("actor")).isEqualTo(username);
    assertThat(lastHistory(id).getString("detail")).isEqualTo("completed by a supervisor");
  }

  @Test
  void supervisor_reassigns_to_another_queue_and_an_agent_and_reads_the_history_in_the_detail() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    long from = queue("From " + suffix, false);
    String toName = "To " + suffix;
    long to = queue(toName, true);
    String agentName = "Ada " + suffix;
    long agent = admin.post("/api/v1/agents", "{\"name\":\"" + agentName + "\"}").id();
    String number = numberPrefix() + "03";
    long id = callback(from, number, "Alan Turing", Instant.now().plus(Duration.ofHours(5)));

    openConsole();
    filterByNumber(number);
    waitForRows(1, "Alan Turing");

    browser.findElement(By.id("list:table:0:reassign")).click();
    waitFor(By.id("reassign:queue"));
    choose("reassign:queue", toName);
    browser.findElement(By.id("reassign:save")).click();
    confirm();
    waiting(15).until(ExpectedConditions.invisibilityOfElementLocated(By.id("reassignDialog")));
    waitUntil("the row shows the new queue", d -> column("queue").equals(List.of(toName)));
    JsonObject moved = admin.get("/api/v1/callbacks/" + id).json();
    assertThat(moved.getJsonNumber("queueId").longValue()).isEqualTo(to);
    assertThat(lastHistory(id).getString("event")).isEqualTo("QUEUE_CHANGED");
    assertThat(lastHistory(id).getString("actor")).isEqualTo(username);

    // the new queue allows owned callbacks: the supervisor gives it to one agent
    browser.findElement(By.id("list:table:0:reassign")).click();
    waitFor(By.id("reassign:owner"));
    choose("reassign:owner", agentName);
    browser.findElement(By.id("reassign:save")).click();
    confirm();
    waiting(15).until(ExpectedConditions.invisibilityOfElementLocated(By.id("reassignDialog")));
    waitUntil("the row shows the owner", d -> column("owner").equals(List.of(agentName)));
    assertThat(
            admin.get("/api/v1/callbacks/" + id).json().getJsonNumber("ownerAgentId").longValue())
        .isEqualTo(agent);

    browser.findElement(By.id("list:table:0:details")).click();
    WebElement detail = waitFor(By.id("history"));
    String history = detail.getText();
    assertThat(history).contains("SCHEDULED", "QUEUE_CHANGED", "OWNER_CHANGED", username, "admin");
    assertThat(textOf(By.id("detailContent")))
        .contains("No dial attempt yet.", agentName, "Alan Turing");
    Browser.screenshot(browser, "supervisor-detail");
  }

  @Test
  void the_overview_counts_by_state_and_charts_due_hours_and_a_column_sorts_the_list() {
    long queue = queue("Sorted " + UUID.randomUUID(), false);
    String prefix = numberPrefix();
    Instant now = Instant.now();
    callback(queue, prefix + "11", "Barbara Liskov", now.plus(Duration.ofMinutes(30)));
    callback(queue, prefix + "12", "Charles Babbage", now.plus(Duration.ofHours(2)));
    callback(queue, prefix + "13", "Ada Lovelace", now.plus(Duration.ofHours(3)));

    openConsole();
    filterByNumber(prefix);
    waitForRows(3, "Ada Lovelace");
    // due time first by default
    assertThat(column("customer"))
        .containsExactly("Barbara Liskov", "Charles Babbage", "Ada Lovelace");

    // the overview: the page's counts are the API's, and the next hour has ours
    long scheduled = admin.get("/api/v1/callbacks?state=SCHEDULED&size=1").json().getInt("total");
    assertThat(textOf(By.id("stateCounts"))).contains(scheduled + " SCHEDULED");
    assertThat(Long.parseLong(textOf(By.id("list:dueNextHour")))).isPositive();
    assertThat(Long.parseLong(textOf(By.id("list:dueNext24Hours")))).isGreaterThanOrEqualTo(3);
    // the chart drew under the page's content security policy
    waitUntil(
        "the chart is drawn",
        d ->
            Boolean.TRUE.equals(
                d.executeScript(
                    "var w = PrimeFaces.widgets['widget_list_chart'];"
                        + " return !!(w && w.chart && w.chart.data.labels.length === 24);")));
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(e -> !e.getMessage().contains("favicon.ico"))
            .toList();
    assertThat(errors).as("browser console errors").isEmpty();

    // by customer, then the other way round
    browser.findElement(By.id("list:table:customerColumn")).click();
    waitUntil(
        "sorted by customer",
        d ->
            column("customer")
                .equals(List.of("Ada Lovelace", "Barbara Liskov", "Charles Babbage")));
    // an exact total has no "+" (that is for a count stopped at rappel.list.count-limit)
    assertThat(textOf(By.cssSelector("#list\\:table .ui-paginator-current"))).isEqualTo("1–3 of 3");
    browser.findElement(By.id("list:table:customerColumn")).click();
    waitUntil(
        "sorted by customer, descending",
        d ->
            column("customer")
                .equals(List.of("Charles Babbage", "Barbara Liskov", "Ada Lovelace")));
  }
}
