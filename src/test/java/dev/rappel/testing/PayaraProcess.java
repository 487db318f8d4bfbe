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
  private final List<String> payaraOptions;
  private final Path log;
  private Path war = Path.of(System.getProperty("rappel.war", "target/rappel.war"));
  private Process process;
  private int port;

  public PayaraProcess(Path log, List<String> jvmOptions) {
    this(log, jvmOptions, List.of("--nocluster"));
  }

  /** A server with Payara Micro options of its own, such as those of a cluster member. */
  public PayaraProcess(Path log, List<String> jvmOptions, List<String> payaraOptions) {
    this.log = log;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.payaraOptions = List.copyOf(payaraOptions);
  }

  /**
   * Options of member {@code name} of a cluster on this host whose data-grid members listen on
   * {@code gridPorts}, this one on {@code gridPort}: TCP/IP discovery (no multicast), and no
   * host-aware partitioning, without which members on one address keep no backups of each other.
   */
  public static List<String> clusterMember(
      String cluster, String name, int gridPort, List<Integer> gridPorts) {
    return List.of(
        "--clustername",
        cluster,
        "--name",
        name,
        "--clustermode",
        "tcpip:" + String.join(",", gridPorts.stream().map(port -> "127.0.0.1:" + port).toList()),
        "--interfaces",
        "127.0.0.1",
        "--startport",
        String.valueOf(gridPort),
        "--nohostaware");
  }

  /** Runs {@code war} instead of the built WAR (a test variant of it). */
  public PayaraProcess withWar(Path war) {
    this.war = war;
    return this;
  }

  /** The server's process id, for signals ({@code SIGSTOP}, {@code SIGCONT}). */
  public long pid() {
    return process.pid();
  }

  /**
   * Sends the server a signal by name ({@code STOP}, {@code CONT}) and waits for kill to return.
   */
  public void signal(String name) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " " + pid() + " exited " + exit);
    }
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
            "--port",
            String.valueOf(port),
            "--contextroot",
            "/",
            "--deploy",
            war.toString()));
    command.addAll(payaraOptions);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
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

  /** Whether the server's JVM runs (started, and not stopped or killed since). */
  public boolean isRunning() {
    return process != null && process.isAlive();
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

  public static int freePort() throws IOException {
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
