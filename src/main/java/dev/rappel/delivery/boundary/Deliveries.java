package dev.rappel.delivery.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.control.ComplianceGate;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.delivery.control.DialOutcomes;
import dev.rappel.delivery.control.DialQueued;
import dev.rappel.delivery.control.DueCallbacks;
import dev.rappel.delivery.control.EngineMetrics;
import dev.rappel.platform.control.References;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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

  @Inject Event<DialQueued> dialsQueued;

  @Inject EngineMetrics metrics;

  @Inject ComplianceGate compliance;

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
    Agent agent = agent(agentId, "agentId", false);
    boolean offeredToAgent =
        callback.state() == CallbackState.OFFERED
            && callback.assignedAgent().filter(agent::equals).isPresent();
    if (offeredToAgent && !compliance.clearForDial(callback)) {
      // the hours closed, the cap was reached or the number was listed since the offer: no dial;
      // the offer is withdrawn and the answer shows why (the callback's history)
      return callback;
    }
    callback.accept(agent, clock, actor);
    dialsQueued.fire(new DialQueued(callbackId));
    return callback;
  }

  public Callback decline(long callbackId, Long requestedAgent, Caller caller) {
    long agentId = caller.actingAgent(requestedAgent);
    String actor = caller.name();
    Callback callback = callback(callbackId);
    callback.decline(agent(agentId, "agentId", false), clock, actor);
    return callback;
  }

  /**
   * The telephony side says how a dial ended, naming the attempt by number and, when it gives it,
   * by dial id; an outcome for an attempt that is not the current one is refused (409).
   */
  public Callback recordOutcome(
      long callbackId,
      int attemptNumber,
      Optional<String> dialId,
      DialOutcome outcome,
      String actor) {
    if (!outcome.isReportable()) {
      throw new RuleViolation("outcome", outcome + " is recorded by Rappel itself, not reported.");
    }
    Callback callback = callback(callbackId);
    callback.recordOutcome(attemptNumber, dialId, outcome, clock, actor);
    metrics.dialed(outcome);
    return callback;
  }

  @Override
  public void report(
      long callbackId, int attempt, Optional<String> dialId, DialOutcome outcome, String actor) {
    recordOutcome(callbackId, attempt, dialId, outcome, actor);
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
