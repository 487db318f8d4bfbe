package dev.rappel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.Browser;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** What an administrator does in the browser, in headless Chromium against the real server. */
class AdminConsoleIT extends ConsoleTest {
  private static final String PASSWORD = "agent password 123";

  /** The text of a message element once it is not blank. */
  private String messageOf(String id) {
    return until(
        d -> {
          String text = d.findElement(By.id(id)).getText();
          return text.isBlank() ? null : text;
        },
        "a message in " + id);
  }

  private void signIn(String username, String password, String page) {
    browser.get(server.resolve(page).toString());
    signIn(username, password);
    // signing in lands on the home page: go to the page itself
    browser.get(server.resolve(page).toString());
  }

  private void type(String id, String text) {
    WebElement input = waitFor(By.id(id));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    input.sendKeys(text);
  }

  /**
   * Clicks the button with that id suffix in the table row showing {@code text}; found and clicked
   * again if an ajax update replaced the row in between.
   */
  private void clickInRow(String tableId, String text, String buttonId) {
    By button =
        By.xpath(
            "//tbody[@id='"
                + tableId
                + "_data']/tr[.//*[text()='"
                + text
                + "']]//*[substring(@id, string-length(@id) - "
                + (buttonId.length())
                + ")=':"
                + buttonId
                + "']");
    click(button);
  }

  private boolean tableShows(String tableId, String text) {
    return browser.findElement(By.id(tableId + "_data")).getText().contains(text);
  }

  private JsonObject queue(long id) {
    return admin.get("/api/v1/queues/" + id).json();
  }

  @Test
  void admin_enables_owned_callbacks_and_agent_sees_take_ownership() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String queueName = "Owned " + suffix;
    long queue = admin.post("/api/v1/queues", "{\"name\":\"" + queueName + "\"}").id();
    long agent = admin.post("/api/v1/agents", "{\"name\":\"Olga " + suffix + "\"}").id();
    assertThat(
            admin
                .put("/api/v1/queues/" + queue + "/members", "{\"agentIds\":[" + agent + "]}")
                .status())
        .isEqualTo(200);
    String agentUser = "olga-" + suffix;
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[\"AGENT\"],\"agentId\":%d}"
                        .formatted(agentUser, PASSWORD, agent))
                .status())
        .isEqualTo(201);
    long interaction =
        admin
            .post(
                "/api/v1/interactions",
                "{\"mediaType\":\"CALL\",\"queueId\":%d,\"ani\":\"+33142685300\",\"agentId\":%d}"
                    .formatted(queue, agent))
            .id();

    signIn("admin", Api.ADMIN_PASSWORD, "admin/queues.xhtml");
    clickInRow("queues:table", queueName, "edit");
    until(
        d -> queueName.equals(d.findElement(By.id("queue:name")).getAttribute("value")),
        "the queue in the form");

    // out of range: 31 days of ownership, a negative retry count and a 5-second offer timeout,
    // each refused beside its field
    browser.findElement(By.cssSelector("#queue\\:ownedEnabled .ui-chkbox-box")).click();
    type("queue:ownershipHours", "744");
    type("queue:maxRetryCount", "-1");
    type("queue:offerTimeoutSeconds", "5");
    browser.findElement(By.id("queue:save")).click();
    assertThat(messageOf("queue:ownershipHoursMessage")).contains("30 days");
    assertThat(messageOf("queue:maxRetryCountMessage")).contains("between 0 and 10");
    assertThat(messageOf("queue:offerTimeoutSecondsMessage")).contains("10 to 600 seconds");
    Browser.screenshot(browser, "admin-queues-refused");
    JsonObject unchanged = queue(queue).getJsonObject("callbackSettings");
    assertThat(unchanged.getJsonObject("ownedCallbacks").getBoolean("enabled")).isFalse();
    assertThat(unchanged.getJsonObject("ownedCallbacks").getInt("ownershipHours")).isEqualTo(168);
    assertThat(unchanged.getInt("maxRetryCount")).isEqualTo(3);

    // in range, it is saved
    type("queue:ownershipHours", "48");
    type("queue:maxRetryCount", "2");
    type("queue:offerTimeoutSeconds", "45");
    browser.findElement(By.id("queue:save")).click();
    assertThat(messageOf("messages")).contains("saved");
    until(d -> tableShows("queues:table", "for 48h"), "the new policy in the table");
    Browser.screenshot(browser, "admin-queues");
    JsonObject saved = queue(queue).getJsonObject("callbackSettings");
    assertThat(saved.getJsonObject("ownedCallbacks").getBoolean("enabled")).isTrue();
    assertThat(saved.getJsonObject("ownedCallbacks").getInt("ownershipHours")).isEqualTo(48);
    assertThat(saved.getJsonObject("ownedCallbacks").getBoolean("assignToQueueOnExpiry")).isTrue();
    assertThat(saved.getInt("maxRetryCount")).isEqualTo(2);
    assertThat(saved.getInt("offerTimeoutSeconds")).isEqualTo(45);
    assertThat(saved.getInt("maxCallMinutes")).isEqualTo(240);

    // the agent of that queue, on a call it received, may now take ownership
    browser.findElement(By.id("session:logout")).click();
    waitFor(By.id("login:username"));
    signIn(agentUser, PASSWORD, "agent/schedule.xhtml?interaction=" + interaction);
    assertThat(waitFor(By.id("form:takeOwnership")).getText()).contains("Take ownership");
  }

  @Test
  void admin_sets_the_members_of_a_queue() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String queueName = "Members " + suffix;
    long queue = admin.post("/api/v1/queues", "{\"name\":\"" + queueName + "\"}").id();
    String agentName = "Mia " + suffix;
    long agent = admin.post("/api/v1/agents", "{\"name\":\"" + agentName + "\"}").id();

    signIn("admin", Api.ADMIN_PASSWORD, "admin/queues.xhtml");
    clickInRow("queues:table", queueName, "edit");
    By members = By.id("membership:members");
    By filter = By.id("membership:members_filter");
    waitFor(members).click();
    waitFor(filter).sendKeys(suffix);
    // the suffix alone is unique; the click waits until the filter has left only that agent, so
    // the list does not move under it. On a loaded machine the panel may open before its widget
    // has bound the filter, and the typed keys then filter nothing: open and type again, as a
    // person would.
    By shown =
        By.cssSelector(
            "#membership\\:members_panel li.ui-selectcheckboxmenu-item:not([style*='none'])");
    until(
        d -> {
          if (d.findElements(shown).size() == 1) {
            return true;
          }
          if (!d.findElement(filter).isDisplayed()) {
            d.findElement(members).click();
          }
          WebElement typed = d.findElement(filter);
          typed.clear();
          typed.sendKeys(suffix);
          return false;
        },
        "only " + agentName + " left by the filter");
    WebElement item = browser.findElement(shown);
    assertThat(item.getText()).isEqualTo(agentName + " (#" + agent + ")");
    item.findElement(By.cssSelector("div.ui-chkbox-box")).click();
    until(
        d ->
            item.findElement(By.cssSelector("div.ui-chkbox-box"))
                .getAttribute("class")
                .contains("ui-state-active"),
        agentName + " ticked");
    browser.findElement(By.id("membership:saveMembers")).click();
    assertThat(messageOf("messages")).contains("1 agent");
    assertThat(queue(queue).getJsonArray("memberIds"))
        .extracting(v -> ((JsonNumber) v).longValue())
        .containsExactly(agent);
  }

  @Test
  void admin_creates_an_agent_and_a_user_and_issues_then_revokes_a_token() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    signIn("admin", Api.ADMIN_PASSWORD, "admin/agents.xhtml");

    // an agent in Tokyo, available
    String agentName = "Zoe " + suffix;
    type("agent:name", agentName);
    choose("agent:timeZone", "Asia/Tokyo");
    choose("agent:status", "AVAILABLE");
    browser.findElement(By.id("agent:create")).click();
    assertThat(messageOf("messages")).contains("created");
    until(d -> tableShows("agents:table", agentName), "the agent in the table");
    JsonObject created =
        admin.get("/api/v1/agents").structure().asJsonArray().getValuesAs(JsonObject.class).stream()
            .filter(a -> a.getString("name").equals(agentName))
            .findFirst()
            .orElseThrow();
    long agent = created.getJsonNumber("id").longValue();
    assertThat(created.getString("timeZone")).isEqualTo("Asia/Tokyo");
    assertThat(created.getString("status")).isEqualTo("AVAILABLE");

    // its status changed from its row
    String rowMenu =
        browser
            .findElement(
                By.xpath(
                    "//tbody[@id='agents:table_data']/tr[.//*[text()='"
                        + agentName
                        + "']]//div[contains(@class,'ui-selectonemenu')]"))
            .getAttribute("id");
    choose(rowMenu, "BUSY");
    until(
        d ->
            admin.get("/api/v1/agents/" + agent).json().getString("status").equals("BUSY")
                ? true
                : null,
        "the agent busy");
    Browser.screenshot(browser, "admin-agents");

    // a user for that agent
    browser.get(server.resolve("admin/users.xhtml").toString());
    String username = "zoe-" + suffix;
    type("user:username", username);
    type("user:password", "first password 1");
    browser
        .findElement(
            By.xpath(
                "//input[starts-with(@id,'user:roles') and @value='AGENT']"
                    + "/ancestor::div[contains(@class,'ui-chkbox')][1]"
                    + "//div[contains(@class,'ui-chkbox-box')]"))
        .click();
    choose("user:agentId", agentName + " (#" + agent + ")");
    browser.findElement(By.id("user:create")).click();
    assertThat(messageOf("messages")).contains("created");
    until(d -> tableShows("users:table", username), "the user in the table");
    assertThat(admin.as(username, "first password 1").get("/api/v1/agents/" + agent).status())
        .isEqualTo(200);

    // a password too short is refused beside the field; a good one replaces the old one
    choose("passwordForm:passwordUser", username);
    type("passwordForm:newPassword", "short");
    browser.findElement(By.id("passwordForm:change")).click();
    assertThat(messageOf("passwordForm:newPasswordMessage")).contains("12 characters");
    type("passwordForm:newPassword", "second password 2");
    browser.findElement(By.id("passwordForm:change")).click();
    assertThat(messageOf("messages")).contains("Password of '" + username + "' changed");
    assertThat(admin.as(username, "second password 2").get("/api/v1/agents/" + agent).status())
        .isEqualTo(200);
    assertThat(admin.as(username, "first password 1").get("/api/v1/agents/" + agent).status())
        .isEqualTo(401);

    // a token, shown once, that works until it is revoked
    String tokenName = "CRM " + suffix;
    type("token:tokenName", tokenName);
    browser.findElement(By.id("token:issue")).click();
    String secret = waitFor(By.id("token:secret")).getAttribute("value");
    assertThat(textOf(By.id("token:issued"))).contains("cannot be shown again");
    assertThat(secret).isNotBlank();
    until(d -> tableShows("tokens:table", tokenName), "the token in the table");
    assertThat(textOf(By.id("tokens:table_data"))).doesNotContain(secret);
    Browser.screenshot(browser, "admin-users");
    assertThat(admin.withToken(secret).get("/api/v1/callbacks?size=1").status()).isEqualTo(200);

    clickInRow("tokens:table", tokenName, "revoke");
    waitFor(By.id("confirm:yes")).click();
    assertThat(messageOf("messages")).contains("revoked");
    assertThat(browser.findElements(By.id("token:secret"))).isEmpty();
    assertThat(admin.withToken(secret).get("/api/v1/callbacks?size=1").status()).isEqualTo(401);

    // the user deleted: it can no longer sign in
    clickInRow("users:table", username, "delete");
    waitFor(By.id("confirm:yes")).click();
    until(d -> !tableShows("users:table", username), "the user gone from the table");
    assertThat(admin.as(username, "second password 2").get("/api/v1/agents/" + agent).status())
        .isEqualTo(401);
  }

  @Test
  void admin_backs_up_the_database_and_sees_where_it_went() {
    signIn("admin", "it-admin-password", "admin/backup.xhtml");
    waitFor(By.id("backup:now")).click();
    until(d -> !d.findElements(By.id("backup:folder")).isEmpty(), "the backup's folder");
    String folder = textOf(By.id("backup:folder"));
    assertThat(folder).matches(".*it-backups/\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z");
    assertThat(textOf(By.id("backup:messages"))).contains("Backed up to " + folder);
    assertThat(java.nio.file.Files.isDirectory(java.nio.file.Path.of(folder))).isTrue();
    Browser.screenshot(browser, "admin-backup");
    assertThat(admin.get("/api/v1/audit").body()).contains("BACKUP_CREATED");
  }

  @Test
  void admin_subscribes_a_webhook_sees_its_secret_once_tests_it_and_reads_its_delivery_log() {
    signIn("admin", "it-admin-password", "admin/webhooks.xhtml");
    type("subscribe:url", "http://[::]/hook");
    waitFor(By.id("subscribe:create")).click();
    assertThat(messageOf("subscribe:urlMessage")).contains("never a receiver");

    String url = "http://localhost:1/hook-" + UUID.randomUUID().toString().substring(0, 6);
    type("subscribe:url", url);
    type("subscribe:events", "QUEUED, COMPLETED");
    waitFor(By.id("subscribe:create")).click();
    String secret = waitFor(By.id("subscribe:secret")).getAttribute("value");
    assertThat(secret).startsWith("whsec_");
    until(d -> tableShows("subscriptions:table", url), "the subscription in the table");

    // nobody listens there: the test event is not taken, and the log says why
    clickInRow("subscriptions:table", url, "test");
    assertThat(messageOf("messages")).contains("Test event not taken");
    until(d -> !d.findElements(By.id("tries_data")).isEmpty(), "the delivery log");
    assertThat(textOf(By.id("tries_data"))).contains("ping-");
    assertThat(browser.findElements(By.id("subscribe:secret"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain(secret);
    Browser.screenshot(browser, "admin-webhooks");
  }

  @Test
  void admin_imports_a_do_not_call_file_sees_each_line_reported_and_removes_the_number()
      throws Exception {
    String number = "+33142685" + (100 + new java.util.Random().nextInt(900));
    java.nio.file.Path csv = java.nio.file.Files.createTempFile("dnc-", ".csv");
    java.nio.file.Files.writeString(
        csv,
        "phoneNumber,reason\n"
            + number
            + ",asked on a call\n"
            + number.replaceFirst("\\+33(\\d)(\\d{2})", "+33 $1 $2 ")
            + ",asked again\n"
            + "not a number,typo\n");
    signIn("admin", Api.ADMIN_PASSWORD, "admin/dnc.xhtml");
    waitFor(By.linkText("Do not call"));

    // every field of the page has its label
    for (WebElement input :
        browser.findElements(By.cssSelector("main input:not([type=hidden]), main textarea"))) {
      assertThat(
              browser.findElements(By.cssSelector("label[for='" + input.getAttribute("id") + "']")))
          .as("label of %s", input.getAttribute("id"))
          .isNotEmpty();
    }

    browser
        .findElement(By.xpath("//form[@id='upload']//input[@type='file']"))
        .sendKeys(csv.toString());
    assertThat(messageOf("upload:summary")).isEqualTo("1 imported, 1 duplicates, 1 invalid");
    String lines = textOf(By.id("upload:lines_data"));
    assertThat(lines).contains("2 " + number + " IMPORTED");
    assertThat(lines).contains("3 " + number + " DUPLICATE");
    assertThat(lines).contains("4 not a number INVALID");
    Browser.screenshot(browser, "admin-dnc-import");

    // the number is listed, here and over the API
    type("list:search", number);
    browser.findElement(By.id("list:find")).click();
    until(d -> tableShows("list:table", number), "the number in the list");
    assertThat(textOf(By.id("list:table_data"))).contains("asked on a call");
    String encoded = number.replace("+", "%2B");
    assertThat(admin.get("/api/v1/dnc?phoneNumber=" + encoded).json().getInt("total")).isEqualTo(1);

    clickInRow("list:table", number, "remove");
    waitFor(By.id("confirm:yes")).click();
    assertThat(messageOf("messages")).contains(number + " is off the do-not-call list");
    until(d -> !tableShows("list:table", number), "the number gone from the list");
    assertThat(admin.get("/api/v1/dnc?phoneNumber=" + encoded).json().getInt("total")).isEqualTo(0);
  }

  @Test
  void a_supervisor_cannot_open_the_admin_pages() {
    String username = "sid-" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[\"SUPERVISOR\"]}"
                        .formatted(username, PASSWORD))
                .status())
        .isEqualTo(201);
    signIn(username, PASSWORD, "admin/users.xhtml");
    assertThat(browser.findElements(By.id("token:issue"))).isEmpty();
    assertThat(browser.findElements(By.linkText("Users and tokens"))).isEmpty();
  }
}
