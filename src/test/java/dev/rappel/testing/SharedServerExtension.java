package dev.rappel.testing;

import dev.rappel.testing.server.ShiftedClock;
import dev.rappel.testing.server.TestClockProducer;
import dev.rappel.testing.server.TestClockResource;
import dev.rappel.testing.server.TestEngineResource;
import dev.rappel.testing.server.TestEngineSteps;
import dev.rappel.testing.server.TestLogResource;
import dev.rappel.testing.server.TestOutboxResource;
import dev.rappel.testing.server.TestRetentionResource;
import java.io.File;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Starts a {@link SharedServer} on first use. {@link SharedServerRelease} stops it once the last
 * class that shares it has run, so it never runs beside another test server (on PostgreSQL they
 * would share the database); JUnit's root store stops it at the latest when the run ends. The
 * server logs to {@code shared-server-*}{@code /server.log} in the build's temporary folder.
 */
final class SharedServerExtension implements TestInstancePostProcessor {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedServerExtension.class);

  /** The shared server that runs, if one does: never two at once. */
  private static Running running;

  /** Why a server did not start: the tests after the first fail at once instead of waiting. */
  private static final Map<SharedServer.Clock, IllegalStateException> failed =
      new EnumMap<>(SharedServer.Clock.class);

  @Override
  public void postProcessTestInstance(Object test, ExtensionContext context) throws Exception {
    Running server = running(test.getClass().getAnnotation(SharedServer.class).value());
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "release", key -> (AutoCloseable) SharedServerExtension::stop, AutoCloseable.class);
    for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.isAnnotationPresent(SharedServer.Base.class)) {
          field.setAccessible(true);
          field.set(test, server.base);
        }
      }
    }
  }

  private static synchronized Running running(SharedServer.Clock clock)
      throws InterruptedException {
    if (failed.containsKey(clock)) {
      throw failed.get(clock);
    }
    if (running == null || running.clock != clock) {
      // the classes of the other clock are done (SharedServerFirst runs them by clock)
      stop();
      try {
        running = Running.start(clock);
      } catch (IllegalStateException e) {
        failed.put(clock, e);
        throw e;
      }
    }
    return running;
  }

  /** Stops the server of that clock if it runs; a class that comes later starts another. */
  static synchronized void release(SharedServer.Clock clock) throws InterruptedException {
    if (running != null && running.clock == clock) {
      stop();
    }
  }

  private static synchronized void stop() throws InterruptedException {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  /** The server's process and address. */
  private static final class Running implements AutoCloseable {
    private final SharedServer.Clock clock;
    private final PayaraProcess process;
    private final URL base;

    private Running(SharedServer.Clock clock, PayaraProcess process, URL base) {
      this.clock = clock;
      this.process = process;
      this.base = base;
    }

    static Running start(SharedServer.Clock clock) {
      try {
        Path dir = PayaraProcess.workDir("shared-server-" + clock.name().toLowerCase(Locale.ROOT));
        // the configured subscriber listens before the first event, so none waits on backoff
        WebhookReceiver.onConfiguredPort();
        if (TestDatabase.isPostgresql()) {
          TestDatabase.empty();
        }
        File war = dir.resolve("rappel-it.war").toFile();
        WebArchive archive =
            ShrinkWrap.createFromZipFile(
                    WebArchive.class,
                    new File(System.getProperty("rappel.war", "target/rappel.war")))
                .addClass(TestLogResource.class);
        if (clock == SharedServer.Clock.MOVABLE) {
          archive.addClasses(
              ShiftedClock.class,
              TestClockProducer.class,
              TestClockResource.class,
              TestEngineResource.class,
              TestEngineSteps.class,
              TestOutboxResource.class,
              TestRetentionResource.class);
        }
        archive.as(ZipExporter.class).exportTo(war, true);
        // the same JVM options Arquillian gave each class's server (pom.xml, payara.cmdOptions);
        // the test-only resources stay out of the served OpenAPI document ApiIT compares
        List<String> options =
            Stream.concat(
                    Arrays.stream(System.getProperty("payara.cmdOptions", "").trim().split("\\s+")),
                    Stream.of("-Dmp.openapi.scan.exclude.packages=dev.rappel.testing.server"))
                .filter(option -> !option.isEmpty())
                .toList();
        PayaraProcess process =
            new PayaraProcess(dir.resolve("server.log"), options).withWar(war.toPath());
        Api api = process.start();
        return new Running(clock, process, api.server().toURL());
      } catch (Exception e) {
        throw new IllegalStateException("the shared test server did not start: " + e, e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.stop();
    }
  }
}
