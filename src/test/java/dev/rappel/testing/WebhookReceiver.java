package dev.rappel.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small HTTP server standing in for a webhook subscriber: it keeps what it receives. */
public final class WebhookReceiver {
  /** One received request. */
  public record Received(String eventId, String signature, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();

  public static WebhookReceiver start(int port) {
    WebhookReceiver receiver = new WebhookReceiver();
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
      server.createContext(
          "/hook",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            receiver.received.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("X-Rappel-Event-Id"),
                    exchange.getRequestHeaders().getFirst("X-Rappel-Signature"),
                    body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return receiver;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }
}
