package dev.rappel.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP server standing in for a webhook subscriber: it keeps what it receives, in order,
 * and can refuse (503) the events a test names until it accepts them again.
 */
public final class WebhookReceiver {
  /** One received request, its headers (names in lower case), and the status it was answered. */
  public record Received(String eventId, Map<String, String> headers, String body, int status) {
    public boolean taken() {
      return status / 100 == 2;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Checked the way a Standard Webhooks receiver checks it, timestamp apart. */
    public boolean verifiesUnder(String secret) {
      return StandardWebhooks.verifies(
          secret,
          header("webhook-id"),
          header("webhook-timestamp"),
          body,
          header("webhook-signature"));
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();

  private int port;

  /** Where it listens. */
  public String url() {
    return "http://localhost:" + port + "/hook";
  }

  private final Set<String> refusing = ConcurrentHashMap.newKeySet();

  private static WebhookReceiver configured;

  /**
   * The receiver of the subscriber every test server is configured with ({@code
   * webhook.test.port}): one per test JVM, shared by the classes that read it, since a port can be
   * bound once. Each call (a class's static initializer, as its tests begin) starts it afresh: what
   * an earlier class's server sent, with callback ids a new server hands out again, is gone.
   */
  public static synchronized WebhookReceiver onConfiguredPort() {
    if (configured == null) {
      configured = start(Integer.getInteger("webhook.test.port", 28931));
    }
    configured.received.clear();
    configured.refusing.clear();
    return configured;
  }

  public static WebhookReceiver start(int port) {
    WebhookReceiver receiver = new WebhookReceiver();
    receiver.port = port;
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
      server.createContext(
          "/hook",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String eventId = exchange.getRequestHeaders().getFirst("X-Rappel-Event-Id");
            int status = receiver.refusing.contains(eventId) ? 503 : 204;
            Map<String, String> headers = new HashMap<>();
            exchange
                .getRequestHeaders()
                .forEach(
                    (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            receiver.received.add(new Received(eventId, Map.copyOf(headers), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return receiver;
  }

  /** Answers 503 to this event until {@link #accept} (a subscriber that is failing on it). */
  public void refuse(String eventId) {
    refusing.add(eventId);
  }

  public void accept(String eventId) {
    refusing.remove(eventId);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }
}
