package dev.rappel.delivery.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.entity.Attempt;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.delivery.control.DialOutcomes;
import dev.rappel.delivery.control.DialRequested;
import dev.rappel.delivery.control.DueCallbacks;
import dev.rappel.delivery.control.EngineMetrics;
import dev.rappel.platform.control.References;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * What agents' desktops and the telephony platform tell the engine: accept, decline, dial outcome,
 * wrap-up. Each method is one transaction.
 */
@Stateless
@LocalBean
@Local(DialOutcomes.class)
public class Deliveries implements DialOutcomes {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject References references;

  @Inject DueCallbacks due;

  @Inject Event<DialRequested> dialRequests;

  @Inject EngineMetrics metrics;

  /** What an agent holds now: the offer to answer, or the call reserved or in progress. */
  public List<Callback> offersOf(long agentId, Caller caller) {
    caller.requireSeesAgent(agentId);
    agent(agentId, "agentId", true);
    return due.heldBy(agentId);
  }

  public Callback accept(long callbackId, Long requestedAgent, Caller caller) {
    long agentId = caller.actingAgent(requestedAgent);
    String actor = caller.name();
    Callback callback = callback(callbackId);
    Attempt attempt = callback.accept(agent(agentId, "agentId", false), clock, actor);
    dialRequests.fire(new DialRequested(Engine.requestFor(callback, attempt)));
    return callback;
  }

  public Callback decline(long callbackId, Long requestedAgent, Caller caller) {
    long agentId = caller.actingAgent(requestedAgent);
    String actor = caller.name();
    Callback callback = callback(callbackId);
    callback.decline(agent(agentId, "agentId", false), clock, actor);
    return callback;
  }

  public Callback recordOutcome(
      long callbackId, int attemptNumber, DialOutcome outcome, String actor) {
    Callback callback = callback(callbackId);
    callback.recordOutcome(attemptNumber, outcome, clock, actor);
    metrics.dialed(outcome);
    return callback;
  }

  @Override
  public void report(long callbackId, int attempt, DialOutcome outcome, String actor) {
    recordOutcome(callbackId, attempt, outcome, actor);
  }

  /**
   * A connected callback ends: its agent wraps up (an agent for itself, an admin naming the agent),
   * or a supervisor or admin who names no agent completes it in the agent's stead.
   */
  public Callback complete(long callbackId, Long requestedAgent, Caller caller) {
    if (requestedAgent == null && caller.seesEverything()) {
      Callback callback = callback(callbackId);
      callback.completeBySupervisor(caller, clock);
      return callback;
    }
    long agentId = caller.actingAgent(requestedAgent);
    String actor = caller.name();
    Callback callback = callback(callbackId);
    callback.complete(agent(agentId, "agentId", false), clock, actor);
    return callback;
  }

  private Callback callback(long id) {
    Callback callback = em.find(Callback.class, id);
    if (callback == null) {
      throw new NotFound("callback", id);
    }
    return callback;
  }

  private Agent agent(long id, String field, boolean inPath) {
    if (!inPath) {
      return references.named(Agent.class, id, field);
    }
    Agent agent = em.find(Agent.class, id);
    if (agent == null) {
      throw new NotFound("agent", id);
    }
    return agent;
  }
}
