package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.StepsRecorded;
import dev.rappel.events.control.Mailbox;
import dev.rappel.events.entity.EventId;
import dev.rappel.platform.control.ManagedExecutors;
import dev.rappel.platform.entity.TooManyRequests;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open SSE connections and their filters. Events go out after their transaction committed,
 * through a bounded mailbox per subscriber written on a thread of its own: the committing thread
 * only queues, so a client that stops reading cannot slow the engine. A client that falls behind by
 * a full mailbox is disconnected and may reconnect with {@code Last-Event-ID} to get what it
 * missed. Each user may hold a few streams at once. A client that went away is noticed only when a
 * write fails, so a periodic heartbeat makes sure that happens.
 */
@ApplicationScoped
public class EventStream {
  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

  /** A stream that went away is found by the next heartbeat, so one may be free by then. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(EventHeartbeat.SECONDS);

  /** At most this many steps are replayed to a reconnecting client. */
  static final int MAX_REPLAY = 1000;

  /** Writers waiting on slow clients each hold a thread; past this, new writes are refused. */
  private static final int MAX_WRITERS = 256;

  @Inject
  @ConfigProperty(name = "rappel.events.max-streams-per-user", defaultValue = "5")
  int maxStreamsPerUser;

  @Inject
  @ConfigProperty(name = "rappel.events.buffer-size", defaultValue = "256")
  int bufferSize;

  @Inject ManagedExecutors executors;

  @Inject MissedEvents missed;

  /** One subscriber, what it may see and what it wants to see, and its mailbox. */
  record Subscriber(
      String user,
      SseEventSink sink,
      Sse sse,
      CallbackAccess access,
      Optional<Long> agentId,
      Optional<Long> queueId,
      Mailbox<OutboundSseEvent> mailbox) {
    boolean wants(CallbackChanged event) {
      return access.permits(event)
          && agentId.map(event::concernsAgent).orElse(true)
          && queueId.map(q -> q == event.queueId()).orElse(true);
    }

    OutboundSseEvent toSse(CallbackChanged event) {
      return sse.newEventBuilder()
          .id(event.eventId())
          .name(event.event())
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(CallbackChanged.class, access.shown(event))
          .build();
    }
  }

  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  private volatile ThreadPoolExecutor writers;

  /**
   * Opens a stream for this user; with the id of the last event it saw, first sends what it missed.
   *
   * @throws TooManyRequests when the user already holds as many streams as allowed
   */
  public void subscribe(
      String user,
      SseEventSink sink,
      Sse sse,
      CallbackAccess access,
      Optional<Long> agentId,
      Optional<Long> queueId,
      Optional<EventId> lastSeen) {
    Set<String> replayed = new HashSet<>();
    Subscriber subscriber;
    synchronized (subscribers) {
      long open = subscribers.stream().filter(s -> s.user().equals(user)).count();
      if (open >= maxStreamsPerUser) {
        throw new TooManyRequests(
            "You already have "
                + open
                + " event streams open, the most one user may; close one or try again later.",
            RETRY_AFTER);
      }
      Subscriber[] self = new Subscriber[1];
      Mailbox<OutboundSseEvent> mailbox =
          new Mailbox<>(
              bufferSize,
              writers(),
              event -> write(self[0], event, replayed),
              () -> disconnect(self[0]));
      subscriber = new Subscriber(user, sink, sse, access, agentId, queueId, mailbox);
      self[0] = subscriber;
      // listed before the replay is read, so nothing committed meanwhile is lost (the live copy of
      // a replayed step is dropped when written)
      subscribers.add(subscriber);
    }
    sink.send(sse.newEventBuilder().comment("subscribed").build());
    if (lastSeen.isPresent()) {
      List<CallbackChanged> steps = missed.after(lastSeen.get(), subscriber::wants, MAX_REPLAY);
      for (CallbackChanged step : steps) {
        replayed.add(step.eventId());
        sink.send(subscriber.toSse(step));
      }
    }
    subscriber.mailbox().start();
  }

  /** The steps a transaction of this instance committed. */
  void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) StepsRecorded recorded) {
    recorded.steps().forEach(this::publish);
  }

  /** A step relayed from another instance ({@link ClusterEvents}). */
  void publish(@Observes CallbackChanged event) {
    for (Subscriber subscriber : subscribers) {
      if (subscriber.wants(event)) {
        subscriber.mailbox().offer(subscriber.toSse(event));
      }
    }
  }

  /** Keeps proxies from closing idle streams and finds clients that left. */
  public void heartbeat() {
    for (Subscriber subscriber : subscribers) {
      subscriber.mailbox().offer(subscriber.sse().newEventBuilder().comment("heartbeat").build());
    }
  }

  /** Runs on a writer thread: may wait for the client; a failure lets the subscriber go. */
  private static void write(Subscriber subscriber, OutboundSseEvent event, Set<String> replayed) {
    if (event.getId() != null && replayed.contains(event.getId())) {
      return;
    }
    if (subscriber.sink().isClosed()) {
      throw new IllegalStateException("SSE client gone");
    }
    subscriber.sink().send(event).toCompletableFuture().join();
  }

  private void disconnect(Subscriber subscriber) {
    subscribers.remove(subscriber);
    LOG.log(Level.FINE, "SSE subscriber {0} disconnected (gone or too slow)", subscriber.user());
    try {
      // closing may wait for a write in progress: never on the committing thread
      writers().execute(() -> subscriber.sink().close());
    } catch (RuntimeException overloaded) {
      LOG.log(Level.FINE, "SSE sink left to close itself", overloaded);
    }
  }

  private ThreadPoolExecutor writers() {
    if (writers == null) {
      synchronized (this) {
        if (writers == null) {
          // threads are made as clients need them and end when idle: a client that stops
          // reading holds only its own
          writers =
              new ThreadPoolExecutor(
                  0,
                  MAX_WRITERS,
                  60,
                  TimeUnit.SECONDS,
                  new SynchronousQueue<>(),
                  executors.threadFactory());
        }
      }
    }
    return writers;
  }

  @PreDestroy
  void stop() {
    if (writers != null) {
      writers.shutdownNow();
    }
  }

  public int size() {
    return subscribers.size();
  }
}
