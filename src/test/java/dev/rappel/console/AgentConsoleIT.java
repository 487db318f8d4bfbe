package dev.rappel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Browser;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What an agent does in the browser, in headless Chromium against the real server. */
class AgentConsoleIT extends ConsoleTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String PASSWORD = "agent password 123";

  /** An agent user handling a fresh call from +33142685300; returns the interaction id. */
  private long agentWithACall(String username) {
    return agentWithACall(username, null);
  }

  /** The same, on a queue with these callback settings (JSON), if any. */
  private long agentWithACall(String username, String settings) {
    long queue =
        admin
            .post(
                "/api/v1/queues",
                "{\"name\":\"Console "
                    + UUID.randomUUID()
                    + "\""
                    + (settings == null ? "" : ",\"callbackSettings\":" + settings)
                    + "}")
            .id();
    long agent =
        admin.post("/api/v1/agents", "{\"name\":\"Alice\",\"timeZone\":\"Europe/Paris\"}").id();
    user(username, "AGENT", agent);
    return admin
        .post(
            "/api/v1/interactions",
            "{\"mediaType\":\"CALL\",\"queueId\":"
                + queue
                + ",\"ani\":\"+33142685300\",\"agentId\":"
                + agent
                + "}")
        .id();
  }

  private void user(String username, String role, Long agent) {
    String body =
        "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[\"%s\"]%s}"
            .formatted(username, PASSWORD, role, agent == null ? "" : ",\"agentId\":" + agent);
    assertThat(admin.post("/api/v1/users", body).status()).isEqualTo(201);
  }

  private void signIn(String username) {
    signIn(username, PASSWORD);
  }

  private void typeDate(LocalDate date) {
    WebElement input = browser.findElement(By.id("form:date_input"));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    input.sendKeys(date.toString(), Keys.ESCAPE);
  }

  @Test
  void agent_schedules_a_callback_with_the_defaults_and_cannot_schedule_a_second() {
    String username = "alice-" + UUID.randomUUID().toString().substring(0, 6);
    long interaction = agentWithACall(username);

    // a protected page sends the agent to the login page, and back after signing in
    browser.get(server.resolve("agent/schedule.xhtml").toString());
    assertThat(browser.getCurrentUrl()).contains("login.xhtml");
    Browser.screenshot(browser, "login");
    signIn(username);
    waitFor(By.linkText("Schedule a callback for an interaction you handle")).click();
    waitFor(By.id("interactions"));
    assertThat(textOf(By.id("signed-in-user"))).isEqualTo(username);

    browser.findElement(By.id("interactions:0:open")).click();
    WebElement date = waitFor(By.id("form:date_input"));
    // the defaults: today, now + 30 minutes (in the agent's zone), the caller's number
    ZonedDateTime expected = ZonedDateTime.now(PARIS).plusMinutes(30);
    assertThat(LocalDate.parse(date.getAttribute("value")))
        .isBetween(expected.toLocalDate().minusDays(1), expected.toLocalDate());
    LocalTime shownTime =
        LocalTime.parse(browser.findElement(By.id("form:time")).getAttribute("value"));
    assertThat(Duration.between(expected.toLocalTime(), shownTime).abs())
        .isLessThan(Duration.ofMinutes(2));
    assertThat(browser.findElement(By.id("form:phoneNumber")).getAttribute("value"))
        .isEqualTo("+33142685300");
    Browser.screenshot(browser, "agent-schedule-defaults");

    // 31 days ahead is refused, beside the date, and nothing is stored
    typeDate(LocalDate.now(PARIS).plusDays(31));
    browser.findElement(By.id("form:scheduleButton")).click();
    WebElement dateMessage =
        waiting(15)
            .until(
                d -> {
                  WebElement m = d.findElement(By.id("form:dateMessage"));
                  return m.getText().isBlank() ? null : m;
                });
    assertThat(dateMessage.getText()).isNotBlank();
    Browser.screenshot(browser, "agent-schedule-refused");
    assertThat(
            admin
                .get("/api/v1/callbacks?phoneNumber=%2B33142685300&size=500")
                .json()
                .getJsonArray("items")
                .stream()
                .map(v -> ((JsonObject) v).get("interactionId").toString()))
        .doesNotContain(String.valueOf(interaction));

    // a valid date schedules it; then the button is unavailable and the page says why
    typeDate(LocalDate.now(PARIS).plusDays(2));
    browser.findElement(By.id("form:time")).clear();
    browser.findElement(By.id("form:time")).sendKeys("10:30");
    browser.findElement(By.id("form:scheduleButton")).click();
    WebElement note = waitFor(By.id("form:scheduledText"));
    assertThat(note.getText()).contains("already scheduled");
    assertThat(browser.findElement(By.id("form:scheduleButton")).isEnabled()).isFalse();
    Browser.screenshot(browser, "agent-schedule-done");

    var list = admin.get("/api/v1/callbacks?phoneNumber=%2B33142685300&size=500").json();
    JsonObject mine =
        list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(
                c ->
                    !c.isNull("interactionId")
                        && c.getJsonNumber("interactionId").longValue() == interaction)
            .findFirst()
            .orElseThrow();
    assertThat(mine.getString("customerLocalTime"))
        .startsWith(LocalDate.now(PARIS).plusDays(2) + "T10:30");
    assertThat(mine.getString("createdBy")).isEqualTo(username);

    // signing out ends the session: the console asks for the login again
    browser.findElement(By.id("session:logout")).click();
    waitFor(By.id("login:username"));
    browser.get(server.resolve("agent/schedule.xhtml").toString());
    assertThat(browser.getCurrentUrl()).contains("login.xhtml");
  }

  @Test
  void
      the_page_shows_the_calling_hours_in_the_customers_zone_and_books_a_suggested_time_in_one_click() {
    // 09:00-17:00, but never on the agent's today or tomorrow: the default (now + 30 min) is
    // refused at any hour, and the nearest allowed time is the next open morning
    LocalDate today = LocalDate.now(PARIS);
    Set<DayOfWeek> closed = Set.of(today.getDayOfWeek(), today.plusDays(1).getDayOfWeek());
    String days =
        Arrays.stream(DayOfWeek.values())
            .filter(day -> !closed.contains(day))
            .map(day -> "\"" + day + "\":[{\"from\":\"09:00\",\"to\":\"17:00\"}]")
            .collect(Collectors.joining(","));
    String username = "hana-" + UUID.randomUUID().toString().substring(0, 6);
    long interaction = agentWithACall(username, "{\"callingHours\":{\"days\":{" + days + "}}}");
    browser.get(server.resolve("agent/schedule.xhtml?interaction=" + interaction).toString());
    signIn(username);
    browser.get(server.resolve("agent/schedule.xhtml?interaction=" + interaction).toString());

    // no zone given: the Paris number's zone; the customer's zone once chosen
    until(
        d ->
            d.findElement(By.id("form:callingHours"))
                .getText()
                .startsWith("Calling hours (Europe/Paris): "),
        "the hours in the number's zone");
    choose("form:timeZone", "America/New_York");
    String hours =
        until(
            d -> {
              String text = d.findElement(By.id("form:callingHours")).getText();
              return text.startsWith("Calling hours (America/New_York): ") ? text : null;
            },
            "the hours in the customer's zone");
    assertThat(hours).contains("09:00–17:00");

    LocalDate day =
        LocalDate.parse(browser.findElement(By.id("form:date_input")).getAttribute("value"));
    browser.findElement(By.id("form:scheduleButton")).click();
    WebElement suggestion = waitFor(By.id("form:suggested:0:book"));
    assertThat(textOf(By.id("form:timeMessage"))).contains("outside the calling hours");
    LocalDate open = day.plusDays(1);
    while (closed.contains(open.getDayOfWeek())) {
      open = open.plusDays(1);
    }
    // the time before is in the past: only the one after is offered
    assertThat(suggestion.getText()).isEqualTo("Book " + open + " 09:00 (America/New_York)");
    assertThat(browser.findElements(By.id("form:suggested:1:book"))).isEmpty();
    Browser.screenshot(browser, "agent-schedule-calling-hours");

    suggestion.click();
    assertThat(waitFor(By.id("form:scheduledText")).getText()).contains("already scheduled");
    JsonObject booked =
        admin
            .get("/api/v1/callbacks?phoneNumber=%2B33142685300&size=500")
            .json()
            .getJsonArray("items")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(
                c ->
                    !c.isNull("interactionId")
                        && c.getJsonNumber("interactionId").longValue() == interaction)
            .findFirst()
            .orElseThrow();
    ZonedDateTime local = java.time.Instant.parse(booked.getString("scheduledAt")).atZone(NEW_YORK);
    assertThat(local).isEqualTo(open.atTime(9, 0).atZone(NEW_YORK));
    assertThat(closed).doesNotContain(local.getDayOfWeek());
    assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
    assertThat(booked.getString("customerLocalTime")).startsWith(open + "T09:00");
  }

  @Test
  void the_page_names_the_full_slots_of_the_chosen_day_before_the_agent_picks_a_time() {
    String username = "sami-" + UUID.randomUUID().toString().substring(0, 6);
    long interaction =
        agentWithACall(username, "{\"slotCapacity\":{\"slotMinutes\":60,\"maxCallbacks\":1}}");
    long queue =
        admin
            .get("/api/v1/interactions/" + interaction)
            .json()
            .getJsonNumber("queueId")
            .longValue();
    // two days ahead: never the page's default day, whatever the hour the test runs
    LocalDate day = LocalDate.now(PARIS).plusDays(2);
    String ten = day.atTime(10, 0).atZone(PARIS).toInstant().toString();
    assertThat(
            admin
                .post(
                    "/api/v1/callbacks",
                    "{\"queueId\":"
                        + queue
                        + ",\"customerName\":\"Full\",\"phoneNumber\":\"+33142685399\","
                        + "\"scheduledAt\":\""
                        + ten
                        + "\"}")
                .status())
        .isEqualTo(201);
    browser.get(server.resolve("agent/schedule.xhtml?interaction=" + interaction).toString());
    signIn(username);
    browser.get(server.resolve("agent/schedule.xhtml?interaction=" + interaction).toString());
    waitFor(By.id("form:date_input"));

    typeDate(day);
    browser.findElement(By.id("form:time")).click();
    String full =
        until(
            d -> {
              String text = d.findElement(By.id("form:fullSlots")).getText();
              return text.isEmpty() ? null : text;
            },
            "the day's full slots");
    assertThat(full).isEqualTo("Full that day (Europe/Paris), no room left: 10:00");
  }

  @Test
  void forged_postback_without_the_page_view_state_schedules_nothing() {
    String username = "eve-" + UUID.randomUUID().toString().substring(0, 6);
    long interaction = agentWithACall(username);
    browser.get(server.resolve("agent/schedule.xhtml?interaction=" + interaction).toString());
    signIn(username);
    browser.get(server.resolve("agent/schedule.xhtml?interaction=" + interaction).toString());
    waitFor(By.id("form:scheduleButton"));

    // what a page of another site could make the signed-in browser send: everything but the
    // view state id, which only the real page holds
    browser.executeScript(
        "var f = document.createElement('form'); f.method = 'POST';"
            + "f.action = '/agent/schedule.xhtml?interaction="
            + interaction
            + "';"
            + "[['form','form'],['form:date_input','"
            + LocalDate.now(PARIS).plusDays(2)
            + "'],['form:time','10:00'],"
            + "['form:phoneNumber','+33142685300'],['form:scheduleButton',''],"
            + "['jakarta.faces.ViewState','-1:-1']].forEach(function (p) {"
            + " var i = document.createElement('input'); i.type = 'hidden'; i.name = p[0];"
            + " i.value = p[1]; f.appendChild(i); });"
            + "document.body.appendChild(f); f.submit();");
    waitFor(By.tagName("main"));

    assertThat(admin.get("/api/v1/callbacks?size=500").body())
        .doesNotContain("\"interactionId\":" + interaction + ",");
  }

  @Test
  void
      the_desk_shows_an_offer_the_moment_its_callback_comes_due_drops_it_when_the_call_ends_and_offers_a_follow_up() {
    String username = "dora-" + UUID.randomUUID().toString().substring(0, 6);
    long queue =
        admin
            .post(
                "/api/v1/queues",
                "{\"name\":\"Desk "
                    + UUID.randomUUID()
                    + "\",\"callbackSettings\":{\"mode\":\"AGENT_FIRST\"}}")
            .id();
    long agent =
        admin.post("/api/v1/agents", "{\"name\":\"Dora\",\"timeZone\":\"Europe/Paris\"}").id();
    assertThat(
            admin
                .put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + agent + "]}")
                .status())
        .isEqualTo(200);
    user(username, "AGENT", agent);

    browser.get(server.resolve("agent/desk.xhtml").toString());
    signIn(username);
    browser.get(server.resolve("agent/desk.xhtml").toString());
    waitFor(By.id("desk:available")).click();
    waiting(15).until(d -> d.findElement(By.id("desk:status")).getText().equals("AVAILABLE"));
    waitFor(By.id("desk:nothingHeld"));

    // due in a few seconds: the page is not reloaded by the test, the server pushes the change
    String number = "+3314268" + (1000 + (int) (Math.random() * 8999));
    long id =
        admin
            .post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + queue
                    + ",\"phoneNumber\":\""
                    + number
                    + "\",\"customerName\":\"Ada Lovelace\",\"scheduledAt\":\""
                    + java.time.Instant.now().plusSeconds(6)
                    + "\"}")
            .id();
    WebElement accept =
        waiting(30)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("desk:held:0:accept")));
    assertThat(textOf(By.id("desk:held:0:number"))).isEqualTo(number);
    assertThat(textOf(By.id("desk:held:0:state"))).isEqualTo("OFFERED");
    Browser.screenshot(browser, "agent-desk-offer");

    // accepted: the simulated dialer reports no answer, the agent-first callback ends, and the
    // desk drops it without a reload
    accept.click();
    waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("desk:nothingHeld")));
    JsonObject ended = admin.get("/api/v1/callbacks/" + id).json();
    assertThat(ended.getString("state")).isEqualTo("FAILED");
    assertThat(ended.getJsonArray("history").toString()).contains(username);

    // the customer did not answer: the agent schedules a follow-up from its recent calls
    waitFor(By.id("desk:recent:0:outcome"));
    assertThat(textOf(By.id("desk:recent:0:outcome"))).isEqualTo("NO_ANSWER");
    browser.findElement(By.id("desk:recent:0:followUp")).click();
    waitFor(By.id("form:phoneNumber"));
    assertThat(browser.findElement(By.id("form:phoneNumber")).getAttribute("value"))
        .isEqualTo(number);
    typeDate(LocalDate.now(PARIS).plusDays(1));
    browser.findElement(By.id("form:time")).clear();
    browser.findElement(By.id("form:time")).sendKeys("11:15");
    browser.findElement(By.id("form:scheduleButton")).click();
    assertThat(waitFor(By.id("form:scheduledText")).getText()).contains("already scheduled");
    var sameNumber =
        admin
            .get("/api/v1/callbacks?phoneNumber=" + number.replace("+", "%2B"))
            .json()
            .getJsonArray("items")
            .getValuesAs(JsonObject.class);
    assertThat(sameNumber)
        .anySatisfy(
            c -> {
              assertThat(c.getString("state")).isEqualTo("SCHEDULED");
              assertThat(c.getString("customerLocalTime"))
                  .startsWith(LocalDate.now(PARIS).plusDays(1) + "T11:15");
            });
    browser.get(server.resolve("agent/desk.xhtml").toString());
    assertThat(waitFor(By.id("desk:recent:0:followUpDone")).getText())
        .isEqualTo("Follow-up scheduled");
    Browser.screenshot(browser, "agent-desk-follow-up");
  }

  @Test
  void the_desk_says_the_agent_was_set_off_queue_when_it_let_an_offer_time_out() {
    String username = "nadia-" + UUID.randomUUID().toString().substring(0, 6);
    long queue =
        admin
            .post(
                "/api/v1/queues",
                "{\"name\":\"Timeout "
                    + UUID.randomUUID()
                    + "\",\"callbackSettings\":{\"offerTimeoutSeconds\":10}}")
            .id();
    long agent = admin.post("/api/v1/agents", "{\"name\":\"Nadia\"}").id();
    admin.put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + agent + "]}");
    user(username, "AGENT", agent);
    browser.get(server.resolve("agent/desk.xhtml").toString());
    signIn(username);
    browser.get(server.resolve("agent/desk.xhtml").toString());
    waitFor(By.id("desk:available")).click();
    waiting(15).until(d -> d.findElement(By.id("desk:status")).getText().equals("AVAILABLE"));

    long id =
        admin
            .post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + queue
                    + ",\"phoneNumber\":\"+33142685300\",\"customerName\":\"Nobody Home\"}")
            .id();
    waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("desk:held:0:accept")));

    // nobody answers: ten seconds later the server pushes the change and the desk says why
    WebElement notice =
        waiting(30)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("desk:notResponding")));
    assertThat(notice.getText()).contains("did not answer an offer in time");
    assertThat(textOf(By.id("desk:status"))).isEqualTo("OFF_QUEUE");
    assertThat(browser.findElements(By.id("desk:held:0:accept"))).isEmpty();
    assertThat(admin.get("/api/v1/agents/" + agent).json().getString("statusReason"))
        .isEqualTo("not responding");
    assertThat(admin.get("/api/v1/callbacks/" + id).json().getJsonArray("history").toString())
        .contains("OFFER_TIMED_OUT");

    // back at the desk: available again, the notice is gone
    browser.findElement(By.id("desk:available")).click();
    waiting(15).until(d -> d.findElement(By.id("desk:status")).getText().equals("AVAILABLE"));
    assertThat(browser.findElements(By.id("desk:notResponding"))).isEmpty();
  }

  /** An agent user at its open desk, on a fresh queue with these settings: its agent id. */
  private long[] agentAtItsDesk(String username, String settings) {
    long queue =
        admin
            .post(
                "/api/v1/queues",
                "{\"name\":\"Care "
                    + UUID.randomUUID()
                    + "\",\"callbackSettings\":"
                    + settings
                    + "}")
            .id();
    long agent =
        admin.post("/api/v1/agents", "{\"name\":\"Flo\",\"timeZone\":\"Europe/Paris\"}").id();
    user(username, "AGENT", agent);
    browser.get(server.resolve("agent/desk.xhtml").toString());
    signIn(username);
    browser.get(server.resolve("agent/desk.xhtml").toString());
    waitFor(By.id("desk:nothingHeld"));
    return new long[] {queue, agent};
  }

  private long waitingCallback(long queue, String number, String extra) {
    long id =
        admin
            .post(
                "/api/v1/callbacks",
                "{\"queueId\":"
                    + queue
                    + ",\"phoneNumber\":\""
                    + number
                    + "\",\"customerName\":\"Gus\",\"timeZone\":\"America/New_York\","
                    + extra
                    + "}")
            .id();
    assertThat(id).isPositive();
    return id;
  }

  private static java.util.List<String> events(JsonObject callback) {
    return callback.getJsonArray("history").getValuesAs(JsonObject.class).stream()
        .map(h -> h.getString("event"))
        .toList();
  }

  @Test
  void the_desk_tells_the_agent_its_caller_has_a_callback_and_cancels_or_keeps_it_in_one_click() {
    String username = "flo-" + UUID.randomUUID().toString().substring(0, 6);
    long[] scene = agentAtItsDesk(username, "{\"onInboundContact\":\"NOTIFY\"}");
    String number = "+3314269" + (1000 + (int) (Math.random() * 8999));
    String when =
        "\"scheduledAt\":\""
            + ZonedDateTime.now(NEW_YORK).plusDays(1).withHour(14).withMinute(0).toOffsetDateTime()
            + "\"";
    long first = waitingCallback(scene[0], number, when);
    String call =
        "{\"mediaType\":\"CALL\",\"queueId\":"
            + scene[0]
            + ",\"ani\":\""
            + number
            + "\",\"agentId\":"
            + scene[1]
            + "}";

    // the customer calls in and reaches this agent: the server pushes the notice to the open desk
    admin.post("/api/v1/interactions", call);
    WebElement notice =
        waiting(30)
            .until(
                ExpectedConditions.visibilityOfElementLocated(By.id("desk:waiting:0:waitingText")));
    assertThat(notice.getText())
        .contains("This customer (" + number + ") has a callback on")
        .contains("at 14:00")
        .contains("America/New_York");
    Browser.screenshot(browser, "agent-desk-caller-has-a-callback");
    browser.findElement(By.id("desk:waiting:0:cancelWaiting")).click();
    waiting(15)
        .until(
            ExpectedConditions.invisibilityOfElementLocated(By.id("desk:waiting:0:waitingText")));
    JsonObject canceled = admin.get("/api/v1/callbacks/" + first).json();
    assertThat(canceled.getString("state")).isEqualTo("CANCELED");
    assertThat(
            canceled.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("event").equals("CUSTOMER_CALLED_IN"))
                .map(h -> h.getString("actor")))
        .containsExactly(username);

    // another callback, another call: this time the agent keeps it
    long second = waitingCallback(scene[0], number, when);
    admin.post("/api/v1/interactions", call);
    waiting(30)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("desk:waiting:0:keepWaiting")))
        .click();
    waiting(15)
        .until(
            ExpectedConditions.invisibilityOfElementLocated(By.id("desk:waiting:0:keepWaiting")));
    JsonObject kept = admin.get("/api/v1/callbacks/" + second).json();
    assertThat(kept.getString("state")).isEqualTo("SCHEDULED");
    assertThat(events(kept)).doesNotContain("CUSTOMER_CALLED_IN");
  }

  @Test
  void the_desk_shows_an_ownership_ending_badge_the_moment_the_alert_is_due_and_releases_it() {
    String username = "gil-" + UUID.randomUUID().toString().substring(0, 6);
    // owned for an hour, alerted an hour ahead: the alert is due when the callback is
    long[] scene =
        agentAtItsDesk(
            username,
            "{\"ownedCallbacks\":{\"enabled\":true,\"maxScheduleAheadHours\":24,"
                + "\"ownershipHours\":1},\"ownershipAlertMinutes\":60}");
    long id =
        waitingCallback(
            scene[0],
            "+3314270" + (1000 + (int) (Math.random() * 8999)),
            "\"scheduledAt\":\"" + java.time.Instant.now().plusSeconds(6) + "\"");
    assertThat(
            admin.patch("/api/v1/callbacks/" + id, "{\"ownerAgentId\":" + scene[1] + "}").status())
        .isEqualTo(200);
    browser.navigate().refresh();
    waitFor(By.id("desk:mine"));
    assertThat(browser.findElements(By.id("desk:ownershipBadge"))).isEmpty();

    // no reload by the test: the alert is an event of the owner's callback, pushed to its desk;
    // the desk may redraw again as the callback's next step arrives, so each look finds it anew
    waiting(30)
        .until(
            d ->
                d.findElement(By.id("desk:ownershipBadge"))
                        .getText()
                        .contains("1 ownership(s) ending soon")
                    && d.findElement(By.id("desk:mine:0:extendOwnership")).isDisplayed());
    Browser.screenshot(browser, "agent-desk-ownership-ending");

    click(By.id("desk:mine:0:releaseOwnership"));
    waiting(15)
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("desk:ownershipBadge")));
    JsonObject released = admin.get("/api/v1/callbacks/" + id).json();
    assertThat(released.isNull("ownerAgentId")).isTrue();
    assertThat(events(released)).contains("OWNERSHIP_EXPIRING", "OWNERSHIP_RELEASED");
  }

  @Test
  void desk_lists_the_soonest_upcoming_callbacks_and_says_how_many_there_are_in_all() {
    String username = "upcoming-" + UUID.randomUUID().toString().substring(0, 8);
    long queue =
        admin.post("/api/v1/queues", "{\"name\":\"Upcoming " + UUID.randomUUID() + "\"}").id();
    long agent =
        admin.post("/api/v1/agents", "{\"name\":\"Uma\",\"timeZone\":\"Europe/Paris\"}").id();
    user(username, "AGENT", agent);
    // 52 callbacks routed to this agent first, one a minute from tomorrow, created latest first
    java.time.Instant first = java.time.Instant.now().plus(Duration.ofDays(1));
    for (int i = 51; i >= 0; i--) {
      assertThat(
              admin
                  .post(
                      "/api/v1/callbacks",
                      "{\"queueId\":%d,\"phoneNumber\":\"+331426853%02d\",\"customerName\":\"Customer %d\",\"scheduledAt\":\"%s\",\"preferredAgentId\":%d}"
                          .formatted(queue, i, i, first.plus(Duration.ofMinutes(i)), agent))
                  .status())
          .isEqualTo(201);
    }

    browser.get(server.resolve("agent/desk.xhtml").toString());
    signIn(username);
    browser.get(server.resolve("agent/desk.xhtml").toString());

    assertThat(waitFor(By.id("desk:moreToCome")).getText())
        .isEqualTo("The first 50 of 52, soonest first.");
    assertThat(browser.findElements(By.cssSelector("[id='desk:mine'] tbody tr"))).hasSize(50);
    assertThat(textOf(By.cssSelector("[id='desk:mine'] tbody tr"))).contains("+33142685300");
  }

  @Test
  void every_console_page_fits_a_narrow_screen_without_sideways_scrolling() {
    browser.get(server.resolve("index.xhtml").toString());
    signIn("admin", "it-admin-password");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    for (String page :
        java.util.List.of(
            "index",
            "agent/desk",
            "agent/schedule",
            "supervisor/callbacks",
            "admin/queues",
            "admin/agents",
            "admin/users",
            "admin/dnc",
            "admin/backup")) {
      browser.get(server.resolve(page + ".xhtml").toString());
      waitFor(By.id("signed-in-user"));
      long overflow =
          (Long)
              browser.executeScript(
                  "return document.documentElement.scrollWidth - window.innerWidth;");
      Browser.screenshot(browser, "narrow-" + page.replace('/', '-'));
      assertThat(overflow).as("sideways overflow of %s in px", page).isLessThanOrEqualTo(0L);
    }
  }
}
