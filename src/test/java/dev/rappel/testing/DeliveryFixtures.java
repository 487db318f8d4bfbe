package dev.rappel.testing;

import static dev.rappel.testing.Fixtures.UTC;
import static dev.rappel.testing.Fixtures.agent;
import static dev.rappel.testing.Fixtures.integration;
import static dev.rappel.testing.Fixtures.queue;
import static dev.rappel.testing.Fixtures.withId;

import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.HistoryEntry;
import dev.rappel.queue.entity.CallbackMode;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import dev.rappel.queue.entity.TimeLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Builds what the callback engine works with in unit tests: free agents, queues of either callback
 * mode, and callbacks waiting for their time. Complements {@link Fixtures}.
 */
public final class DeliveryFixtures {
  /** When the tests start. */
  public static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");

  /** When the callbacks built here are due: one hour after {@link #NOW}. */
  public static final Instant DUE = Instant.parse("2026-06-10T09:00:00Z");

  /** The actor of the integration that creates the callbacks built here. */
  public static final String CREATOR = "integration:crm";

  private DeliveryFixtures() {}

  public static MutableClock clock() {
    return new MutableClock(NOW, UTC);
  }

  /** An agent on queue and idle. */
  public static Agent available(long id, Clock clock) {
    Agent agent = agent(id, UTC, clock);
    agent.changeStatus(RoutingStatus.AVAILABLE, clock);
    return agent;
  }

  /** A queue with the product's defaults: agent first, 3 retries (unused), 300 s. */
  public static Queue agentFirstQueue(long id) {
    return queue(id, "Agent first " + id);
  }

  /**
   * A customer-first queue that retries {@code maxRetryCount} times, {@code delaySeconds} apart.
   */
  public static Queue customerFirstQueue(long id, int maxRetryCount, int delaySeconds) {
    return queue(
        id,
        "Customer first " + id,
        new CallbackSettings(
            CallbackMode.CUSTOMER_FIRST,
            false,
            OwnedCallbackPolicy.defaults(),
            maxRetryCount,
            delaySeconds));
  }

  /**
   * An agent-first queue with owned callbacks (up to 30 days ahead), owned for {@code
   * ownershipHours}; {@code toQueueOnExpiry} says where an expired one goes.
   */
  public static Queue owningQueue(long id, int ownershipHours, boolean toQueueOnExpiry) {
    return queue(
        id,
        "Owning " + id,
        new CallbackSettings(
            CallbackMode.AGENT_FIRST,
            false,
            new OwnedCallbackPolicy(true, 720, ownershipHours, toQueueOnExpiry),
            3,
            300));
  }

  /**
   * An agent-first queue whose offers wait {@code offerTimeoutSeconds} for an answer and whose
   * calls may last {@code maxCallMinutes}.
   */
  public static Queue timedQueue(long id, int offerTimeoutSeconds, int maxCallMinutes) {
    return queue(
        id,
        "Timed " + id,
        new CallbackSettings(
            CallbackMode.AGENT_FIRST,
            false,
            OwnedCallbackPolicy.defaults(),
            3,
            300,
            new TimeLimits(offerTimeoutSeconds, maxCallMinutes)));
  }

  /** A callback an integration created on {@code queue}, due at {@link #DUE}, still SCHEDULED. */
  public static Callback scheduled(Queue queue, Clock clock) {
    return withId(
        Callback.fromIntegration(
            integration(queue).scheduledAt(DUE.toString()).build(), clock, CREATOR),
        500L);
  }

  /** Like {@link #scheduled}, preferring {@code agent} ("route to me if possible"). */
  public static Callback preferring(Agent agent, Queue queue, Clock clock) {
    return withId(
        Callback.fromIntegration(
            integration(queue).scheduledAt(DUE.toString()).preferredAgent(agent).build(),
            clock,
            CREATOR),
        500L);
  }

  /** Like {@link #scheduled}, owned by {@code owner} for the period of the queue's policy. */
  public static Callback ownedBy(Agent owner, Queue queue, Clock clock) {
    Callback callback = scheduled(queue, clock);
    callback.assignOwner(owner, clock, "supervisor:anna");
    return callback;
  }

  public static HistoryEntry last(Callback callback) {
    List<HistoryEntry> history = callback.history();
    return history.get(history.size() - 1);
  }

  /** The events of the history, oldest first. */
  public static List<String> events(Callback callback) {
    return callback.history().stream().map(HistoryEntry::event).toList();
  }

  /** Customer first, as the engine does it in two steps: reserve the agent, then dial. */
  public static dev.rappel.callback.entity.Attempt reserveAndDial(
      dev.rappel.callback.entity.Callback callback,
      dev.rappel.agent.entity.Agent agent,
      java.time.Clock clock) {
    callback.reserve(agent, clock);
    return callback.dialReserved(clock);
  }
}
