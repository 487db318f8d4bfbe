package dev.rappel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium from the Debian packages ({@code chromium}, {@code chromium-driver}), for tests
 * of what a person does in the consoles. Screenshots go to {@code target/screenshots}.
 */
public final class Browser {
  private static final Dimension WINDOW = new Dimension(1280, 800);

  private Browser() {}

  /**
   * Starts the browser. Without Chromium on the machine a developer's run skips the browser tests
   * (with the command that installs it); in CI ({@code CI=true}) that is a failure, never a skip.
   */
  public static ChromeDriver start() {
    String binary = System.getProperty("chrome.binary", "/usr/bin/chromium");
    String driverPath = System.getProperty("chrome.driver", "/usr/bin/chromedriver");
    boolean installed =
        Files.isExecutable(Path.of(binary)) && Files.isExecutable(Path.of(driverPath));
    if (!installed) {
      String hint =
          "Chromium is not installed: apt-get install -y chromium chromium-driver (" + binary + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(hint);
      }
      org.junit.jupiter.api.Assumptions.abort(hint);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    Path profile;
    try {
      profile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chrome-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + WINDOW.width + "," + WINDOW.height,
        "--user-data-dir=" + profile);
    // console errors (a script refused by the content security policy, say) are readable by tests
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File(driverPath))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    driver.manage().window().setSize(WINDOW);
    return driver;
  }

  /**
   * Returns a started browser to the state of a new one: a blank page, no cookies, no site data or
   * cache, the window size {@link #start} sets, and its console messages read and dropped.
   */
  public static void reset(ChromeDriver driver, URI origin) {
    driver.get("about:blank");
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    driver.executeCdpCommand(
        "Storage.clearDataForOrigin",
        Map.of(
            "origin", origin.resolve("/").toString().replaceAll("/$", ""), "storageTypes", "all"));
    driver.manage().window().setSize(WINDOW);
    driver.manage().logs().get(LogType.BROWSER);
  }

  public static void screenshot(ChromeDriver driver, String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
