package dev.rappel.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A small HTTP client for the API under test: raw status, headers and JSON. */
public final class Api {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI server;
  private final String authorization;

  /** The password the test servers give their first administrator. */
  public static final String ADMIN_PASSWORD =
      System.getProperty("rappel.it.admin-password", "it-admin-password");

  /**
   * @param server the server's root, e.g. {@code http://localhost:8080/}; calls as admin
   */
  public Api(URI server) {
    this(server, basic("admin", ADMIN_PASSWORD));
  }

  private Api(URI server, String authorization) {
    this.server = server;
    this.authorization = authorization;
  }

  /** The same server, as another user (HTTP Basic). */
  public Api as(String username, String password) {
    return new Api(server, basic(username, password));
  }

  /** The same server, with an API token. */
  public Api withToken(String token) {
    return new Api(server, "Bearer " + token);
  }

  /** The same server, with no credentials. */
  public Api anonymous() {
    return new Api(server, null);
  }

  /** The same server, with this Authorization header as is. */
  public Api withAuthorization(String header) {
    return new Api(server, header);
  }

  private static String basic(String username, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public URI server() {
    return server;
  }

  /**
   * The requests, each from a thread of its own, released at the same instant (races, concurrent
   * retries): their answers, in the order given.
   */
  public static List<Reply> atOnce(List<Callable<Reply>> requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reply>> replies = new ArrayList<>();
      for (Callable<Reply> request : requests) {
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.call();
                }));
      }
      start.countDown();
      List<Reply> answers = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        answers.add(reply.get(120, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code count} copies of one request sent at the same instant: their answers. */
  public static List<Reply> atOnce(int count, Callable<Reply> request) throws Exception {
    return atOnce(Collections.nCopies(count, request));
  }

  /**
   * The server's clock as seen from the test JVM: this JVM's clock moved by as much as the server's
   * test clock has been moved on ({@code TestClockResource}, whole seconds). Tests on a shared
   * server take their times from it, since an earlier class may have moved the server's clock.
   */
  public java.time.Clock serverClock() {
    long sent = System.currentTimeMillis();
    Reply reply = post("/api/v1/test/clock/advance?seconds=0", null);
    long received = System.currentTimeMillis();
    if (reply.status() != 200) {
      throw new IllegalStateException("The server did not tell its time: " + reply);
    }
    // the server read its clock about halfway through the exchange
    long offsetMillis =
        java.time.Instant.parse(reply.body()).toEpochMilli() - (sent + received) / 2;
    long seconds = Math.round(offsetMillis / 1000.0);
    return java.time.Clock.offset(java.time.Clock.systemDefaultZone(), Duration.ofSeconds(seconds));
  }

  /** Starts keeping what the server logs (its deployment has {@code TestLogResource}). */
  public void captureLog() {
    Reply reply = post("/api/v1/test/log/capture", null);
    if (reply.status() != 204) {
      throw new IllegalStateException("The server did not start keeping its log: " + reply);
    }
  }

  /** Whether the server logged the text since {@link #captureLog} was first called. */
  public boolean logged(String text) {
    Reply reply =
        post(
            "/api/v1/test/log/contains",
            jakarta.json.Json.createObjectBuilder().add("text", text).build().toString());
    if (reply.status() != 200) {
      throw new IllegalStateException("The server did not search its log: " + reply);
    }
    return Boolean.parseBoolean(reply.body());
  }

  public Reply get(String path) {
    return send("GET", path, null, "application/json");
  }

  public Reply post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  public Reply patch(String path, String json) {
    return send("PATCH", path, json, "application/json");
  }

  public Reply send(String method, String path, String body, String contentType) {
    return send(method, path, body, contentType, Map.of());
  }

  /** A request with more headers, e.g. {@code If-Match}. */
  public Reply send(
      String method, String path, String body, String contentType, Map<String, String> headers) {
    URI uri = server.resolve(path.startsWith("/") ? path.substring(1) : path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "*/*");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The status of a GET whose body may never end (a stream): headers only, then hang up. */
  public int streamStatus(String path) {
    URI uri = server.resolve(path.startsWith("/") ? path.substring(1) : path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "text/event-stream");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return response.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One HTTP answer. */
  public record Reply(HttpResponse<String> response) {
    public int status() {
      return response.statusCode();
    }

    public String body() {
      return response.body();
    }

    public String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    public JsonObject json() {
      return (JsonObject) structure();
    }

    public JsonStructure structure() {
      try (JsonReader reader = Json.createReader(new StringReader(body()))) {
        return reader.read();
      } catch (RuntimeException e) {
        throw new AssertionError("Not JSON (" + status() + "): " + body(), e);
      }
    }

    public long id() {
      jakarta.json.JsonNumber id = json().getJsonNumber("id");
      if (id == null) {
        throw new IllegalStateException("No id in the answer: " + this);
      }
      return id.longValue();
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}
