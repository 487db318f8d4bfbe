package dev.rappel.events.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.events.entity.Relayed;
import dev.rappel.platform.control.ManagedExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterEvents {
  static final String TOPIC = "rappel.callback-changed";

  private static final Logger LOG = Logger.getLogger(ClusterEvents.class.getName());

  /** Created on first use (thread-safe), so the class loads without a JSON provider. */
  private static final class Json {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  /** A step on the wire, with what decides who may see it (kept off the public JSON). */
  public record Wire(
      String origin,
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

    static Wire of(String origin, CallbackChanged c) {
      return new Wire(
          origin,
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

  @Inject @Relayed Event<CallbackChanged> relayed;

  @Inject ManagedExecutors executors;

  /** This instance, so it skips its own messages (a topic delivers to its publisher too). */
  private final String origin = UUID.randomUUID().toString();

  private ITopic<String> topic;
  private UUID listener;

  @PostConstruct
  void join() {
    grid()
        .ifPresent(
            hazelcast -> {
              topic = hazelcast.getTopic(TOPIC);
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
  }

  /** Publishes a step this instance committed; relayed ones carry another qualifier. */
  public void publish(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @jakarta.enterprise.inject.Default
          CallbackChanged change) {
    if (topic == null) {
      return;
    }
    try {
      topic.publish(Json.JSONB.toJson(Wire.of(origin, change)));
    } catch (RuntimeException e) {
      // the step is committed and its own instance has it; others miss it, as a stream would
      LOG.log(Level.FINE, "Could not publish a step to the cluster", e);
    }
  }

  private void received(Message<String> message) {
    Wire wire;
    try {
      wire = Json.JSONB.fromJson(message.getMessageObject(), Wire.class);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dropped an unreadable cluster event: {0}", e.getMessage());
      return;
    }
    if (origin.equals(wire.origin())) {
      return;
    }
    // listeners run on the grid's threads: hand the work to the server's executor
    executors.executor().submit(() -> relayed.fire(wire.change()));
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
