package dev.rappel.events.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.StepsRecorded;
import dev.rappel.events.entity.Relayed;
import dev.rappel.platform.control.ManagedExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Makes each committed step known to every instance of a cluster, so an agent desk or event stream
 * connected to one instance sees what another did. Steps go out on a Hazelcast topic of Payara
 * Micro's own data grid as JSON (no application classes cross the wire); an instance re-fires those
 * of the others locally with {@link Relayed}, which desks and streams observe like their own.
 * Webhooks and dial requests do not travel this way: their outboxes are tables, sent by one
 * instance. Without a data grid ({@code --nohazelcast}) each instance keeps to its own steps.
 *
 * <p>A CDI bean, not an EJB: an EJB observer costs a JNDI lookup of a fresh reference for every
 * event, which was most of a burst's delivery time (500 steps per batch).
 */
@ApplicationScoped
public class ClusterEvents {
  static final String TOPIC = "rappel.callback-changed";

  private static final Logger LOG = Logger.getLogger(ClusterEvents.class.getName());

  /** Created on first use (thread-safe), so the class loads without a JSON provider. */
  private static final class Json {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  /** A step on the wire, with what decides who may see it (kept off the public JSON). */
  public record Wire(
      String eventId,
      long callbackId,
      int sequence,
      Instant at,
      String event,
      String actor,
      String detail,
      String state,
      long queueId,
      Long assignedAgentId,
      Long ownerAgentId,
      Long preferredAgentId,
      Long releasedAgentId,
      Set<Long> involvedAgentIds,
      String createdBy) {

    static Wire of(CallbackChanged c) {
      return new Wire(
          c.eventId(),
          c.callbackId(),
          c.sequence(),
          c.at(),
          c.event(),
          c.actor(),
          c.detail(),
          c.state(),
          c.queueId(),
          c.assignedAgentId(),
          c.ownerAgentId(),
          c.preferredAgentId(),
          c.releasedAgentId(),
          c.involvedAgentIds(),
          c.createdBy());
    }

    CallbackChanged change() {
      return new CallbackChanged(
          eventId,
          callbackId,
          sequence,
          at,
          event,
          actor,
          detail,
          state,
          queueId,
          assignedAgentId,
          ownerAgentId,
          preferredAgentId,
          releasedAgentId,
          involvedAgentIds == null ? Set.of() : Set.copyOf(involvedAgentIds),
          createdBy);
    }
  }

  /** One message: the steps one transaction committed, in order, and the instance that did. */
  public record Steps(String origin, List<Wire> steps) {}

  @Inject @Relayed Event<CallbackChanged> relayed;

  @Inject ManagedExecutors executors;

  /** This instance, so it skips its own messages (a topic delivers to its publisher too). */
  private final String origin = UUID.randomUUID().toString();

  private HazelcastInstance hazelcast;
  private ITopic<String> topic;
  private UUID listener;

  /** Messages waiting to be relayed, at most; beyond that, one is dropped (and logged). */
  static final int RELAY_BACKLOG = 10_000;

  /**
   * One thread of its own re-fires what arrives, in the order it arrived: a pool would let a later
   * message overtake an earlier one. It is started with the application, on one of its threads: a
   * managed thread made from a grid thread has none of the application's context, and firing an
   * event there failed ("CDI is not available").
   */
  private ThreadPoolExecutor relay;

  /** Joins the topic when the application starts, not when the first step is published. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // the observer's only purpose: instantiating the bean runs join()
  }

  @PostConstruct
  void join() {
    grid()
        .ifPresent(
            grid -> {
              hazelcast = grid;
              relay =
                  new ThreadPoolExecutor(
                      1,
                      1,
                      0,
                      TimeUnit.SECONDS,
                      new LinkedBlockingQueue<>(RELAY_BACKLOG),
                      executors.threadFactory(),
                      (dropped, pool) ->
                          // a stream that reconnects with Last-Event-ID reads what it missed
                          LOG.log(
                              Level.WARNING,
                              "Dropped a cluster event: {0} are waiting to be relayed",
                              pool.getQueue().size()));
              relay.prestartCoreThread();
              topic = grid.getTopic(TOPIC);
              listener = topic.addMessageListener(this::received);
            });
  }

  @PreDestroy
  void leave() {
    if (topic != null && listener != null) {
      try {
        topic.removeMessageListener(listener);
      } catch (RuntimeException gone) {
        // the grid shuts down with the server
      }
    }
    if (relay != null) {
      relay.shutdownNow();
    }
  }

  /**
   * Publishes the steps a transaction of this instance committed, as one message (a burst commits
   * 500 per transaction); relayed steps are not {@link StepsRecorded}, so they never go back out.
   */
  public void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) StepsRecorded recorded) {
    if (topic == null || recorded.steps().isEmpty()) {
      return;
    }
    try {
      if (hazelcast.getCluster().getMembers().size() < 2) {
        return; // nobody else to tell: a single instance pays nothing for the cluster
      }
      topic.publish(
          Json.JSONB.toJson(new Steps(origin, recorded.steps().stream().map(Wire::of).toList())));
    } catch (RuntimeException e) {
      // the steps are committed and their own instance has them; others miss them, as a stream
      // that lost its connection would
      LOG.log(
          Level.WARNING,
          "Could not publish {0} step(s) to the cluster: {1}",
          new Object[] {recorded.steps().size(), e.toString()});
    }
  }

  private void received(Message<String> message) {
    if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
      return; // a topic delivers to its publisher too: skipped before any parsing
    }
    Steps steps;
    try {
      steps = Json.JSONB.fromJson(message.getMessageObject(), Steps.class);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dropped an unreadable cluster event: {0}", e.getMessage());
      return;
    }
    if (origin.equals(steps.origin()) || steps.steps() == null) {
      return;
    }
    // listeners run on the grid's threads: hand the work over, in order
    relay.execute(() -> fire(steps));
  }

  private void fire(Steps steps) {
    try {
      steps.steps().forEach(wire -> relayed.fire(wire.change()));
    } catch (RuntimeException e) {
      // this instance's streams miss these steps, as a stream that lost its connection would
      LOG.log(
          Level.WARNING,
          "Could not relay " + steps.steps().size() + " step(s) from another instance",
          e);
    }
  }

  private static Optional<HazelcastInstance> grid() {
    try {
      HazelcastInstance hazelcast = InitialContext.doLookup("payara/Hazelcast");
      return Optional.ofNullable(hazelcast).filter(h -> h.getLifecycleService().isRunning());
    } catch (NamingException | RuntimeException e) {
      LOG.log(Level.INFO, "No data grid: events stay on this instance ({0})", e.getMessage());
      return Optional.empty();
    }
  }
}
