package dev.rappel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Api;
import dev.rappel.testing.Browser;
import dev.rappel.testing.SharedServer;
import dev.rappel.testing.TestRuns;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser test of the consoles starts from: the built WAR on a real server with the real
 * clock, shared by the browser test classes, the admin API to set the scene, and a headless
 * Chromium per class that each test finds as a new one would be: no cookies or site data, a blank
 * page, the default window size, no console messages of an earlier test (a start per test cost 2.5
 * to 4 s on two cores).
 */
@SharedServer(SharedServer.Clock.REAL)
// browser tests: the pages are the same on either database, so the Derby run has them
@Tag(TestRuns.DERBY_ONLY)
abstract class ConsoleTest {

  @SharedServer.Base URL base;

  /** The class's browser; JUnit runs a class's tests one after the other. */
  private static ChromeDriver classBrowser;

  ChromeDriver browser;
  Api admin;
  URI server;

  @BeforeEach
  void startBrowser() throws Exception {
    server = base.toURI().resolve("/");
    admin = new Api(server);
    browser = freshBrowser(server);
    admin.captureLog();
  }

  /** The class's browser, as a new one would be; a browser that cannot be reset is replaced. */
  private static ChromeDriver freshBrowser(URI server) {
    if (classBrowser != null) {
      try {
        Browser.reset(classBrowser, server);
        return classBrowser;
      } catch (RuntimeException broken) {
        quitBrowser();
      }
    }
    classBrowser = Browser.start();
    return classBrowser;
  }

  @AfterAll
  static void quitBrowser() {
    if (classBrowser != null) {
      try {
        classBrowser.quit();
      } finally {
        classBrowser = null;
      }
    }
  }

  /**
   * The server writes a page's view state with the session (to the other instances, in a cluster):
   * a page whose state cannot be written would be lost when its instance stops.
   */
  @AfterEach
  void everyPageStateWasWritten() {
    assertThat(admin.logged("Cannot serialize session attribute"))
        .as("a page state the server could not write")
        .isFalse();
  }

  /** Waits for a condition; a part of the page replaced meanwhile by ajax is looked up again. */
  FluentWait<WebDriver> waiting(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds))
        .ignoring(StaleElementReferenceException.class);
  }

  /**
   * Clicks the element once it can be clicked; one that an ajax update (a pushed step) replaced
   * meanwhile is looked up again and clicked then.
   */
  void click(By target) {
    until(
        d -> {
          WebElement clickable = ExpectedConditions.elementToBeClickable(target).apply(d);
          if (clickable == null) {
            return false;
          }
          clickable.click();
          return true;
        },
        "a clickable " + target);
  }

  /** Waits up to 15 s; on failure keeps a screenshot and says what and where. */
  <T> T until(Function<WebDriver, T> condition, String what) {
    try {
      return waiting(15).until(condition);
    } catch (TimeoutException e) {
      Browser.screenshot(browser, "failure");
      throw new AssertionError(
          "Waited in vain for "
              + what
              + " on "
              + browser.getCurrentUrl()
              + "\n"
              + browser.getPageSource(),
          e);
    }
  }

  /** The text of an element, read again if ajax replaced it between lookup and read. */
  String textOf(By by) {
    return until(d -> d.findElement(by).getText(), "the text of " + by);
  }

  WebElement waitFor(By by) {
    return until(ExpectedConditions.visibilityOfElementLocated(by), by.toString());
  }

  /**
   * Picks an option of a PrimeFaces select menu by its label, typing into its filter first if it
   * has one, as a person does where the list is long (the browser tests share a server, so it holds
   * every class's queues, agents and users).
   */
  void choose(String menuId, String label) {
    WebElement menu = waitFor(By.id(menuId));
    menu.click();
    List<WebElement> filters = browser.findElements(By.id(menuId + "_filter"));
    if (!filters.isEmpty()) {
      waitFor(By.id(menuId + "_filter")).sendKeys(label);
    }
    String panel = "#" + menuId.replace(":", "\\:") + "_panel";
    until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(panel + " li[data-label='" + label + "']")),
            label + " in " + menuId)
        .click();
  }

  /** Fills the login page the browser is on; signing in lands on the home page. */
  void signIn(String username, String password) {
    waitFor(By.id("login:username")).sendKeys(username);
    browser.findElement(By.id("login:password")).sendKeys(password);
    browser.findElement(By.id("login:signin")).click();
    waitFor(By.id("signed-in-user"));
  }
}
