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
import java.util.Optional;

/** A small HTTP client for the API under test: raw status, headers and JSON. */
public final class Api {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI server;

  /**
   * @param server the server's root, e.g. {@code http://localhost:8080/}
   */
  public Api(URI server) {
    this.server = server;
  }

  public URI server() {
    return server;
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
    URI uri = server.resolve(path.startsWith("/") ? path.substring(1) : path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "*/*");
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
      return json().getJsonNumber("id").longValue();
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}
