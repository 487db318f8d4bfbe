package dev.rappel.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro server in its own JVM running the built WAR, for tests that must stop and start
 * the server (Arquillian keeps one server per class). Ready means the app's own readiness check
 * answers UP: Payara prints "ready" even when the deployment failed.
 */
public final class PayaraProcess implements AutoCloseable {
  private final List<String> jvmOptions;
  private final Path log;
  private Process process;
  private int port;

  public PayaraProcess(Path log, List<String> jvmOptions) {
    this.log = log;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** Starts the server and waits until its application is ready (its readiness check is UP). */
  public Api start() throws IOException, InterruptedException {
    Api api = launch();
    awaitReady(api, Duration.ofSeconds(150));
    return api;
  }

  /**
   * Starts the server and waits until its application answers its readiness check, ready or not (a
   * server whose database does not answer yet reports itself DOWN).
   */
  public Api launch() throws IOException, InterruptedException {
    port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar", "target/payara-micro.jar"),
            "--nocluster",
            "--port",
            String.valueOf(port),
            "--contextroot",
            "/",
            "--deploy",
            System.getProperty("rappel.war", "target/rappel.war")));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Api api = new Api(URI.create("http://localhost:" + port + "/"));
    await(api, false, Duration.ofSeconds(150));
    return api;
  }

  /** Waits until the application reports itself ready. */
  public void awaitReady(Api api, Duration limit) throws InterruptedException {
    await(api, true, limit);
  }

  private void await(Api api, boolean ready, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      try {
        Api.Reply health = api.get("/health/ready");
        if ((health.status() == 200 || !ready) && health.body().contains("\"database\"")) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Payara Micro not " + (ready ? "ready" : "answering") + " in time; see " + log);
  }

  /** Stops the server the way an operator does (SIGTERM), waiting for it to exit. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Kills the server at once (SIGKILL, as {@code kill -9}): no shutdown hook, no flush. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public static Path workDir(String name) {
    File dir = new File(System.getProperty("java.io.tmpdir"), name + "-" + System.nanoTime());
    if (!dir.mkdirs()) {
      throw new IllegalStateException("cannot create " + dir);
    }
    return dir.toPath();
  }
}
