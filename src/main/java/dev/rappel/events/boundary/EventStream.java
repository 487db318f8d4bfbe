package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.callback.entity.CallbackChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open SSE connections and their filters. Events go out after their transaction committed. A
 * client that went away is noticed only when a write fails, so failed sinks are dropped then (and a
 * periodic heartbeat makes sure that happens).
 */
@ApplicationScoped
public class EventStream {
  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

  /** One subscriber, what it may see and what it wants to see. */
  record Subscriber(
      SseEventSink sink,
      Sse sse,
      CallbackAccess access,
      Optional<Long> agentId,
      Optional<Long> queueId) {
    boolean wants(CallbackChanged event) {
      return access.permits(event)
          && agentId.map(event::concernsAgent).orElse(true)
          && queueId.map(q -> q == event.queueId()).orElse(true);
    }
  }

  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  public void subscribe(
      SseEventSink sink,
      Sse sse,
      CallbackAccess access,
      Optional<Long> agentId,
      Optional<Long> queueId) {
    subscribers.add(new Subscriber(sink, sse, access, agentId, queueId));
    sink.send(sse.newEventBuilder().comment("subscribed").build());
  }

  void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallbackChanged event) {
    for (Subscriber subscriber : subscribers) {
      if (subscriber.wants(event)) {
        OutboundSseEvent sse =
            subscriber
                .sse()
                .newEventBuilder()
                .id(event.eventId())
                .name(event.event())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(CallbackChanged.class, event)
                .build();
        send(subscriber, sse);
      }
    }
  }

  /** Keeps proxies from closing idle streams and finds clients that left. */
  public void heartbeat() {
    for (Subscriber subscriber : subscribers) {
      send(subscriber, subscriber.sse().newEventBuilder().comment("heartbeat").build());
    }
  }

  private void send(Subscriber subscriber, OutboundSseEvent event) {
    if (subscriber.sink().isClosed()) {
      subscribers.remove(subscriber);
      return;
    }
    subscriber
        .sink()
        .send(event)
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                LOG.log(Level.FINE, "SSE client gone", failure);
                subscribers.remove(subscriber);
                subscriber.sink().close();
              }
            });
  }

  public int size() {
    return subscribers.size();
  }
}
