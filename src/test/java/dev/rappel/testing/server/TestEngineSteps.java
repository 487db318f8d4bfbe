package dev.rappel.testing.server;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.delivery.boundary.Engine;
import dev.rappel.platform.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Test-only: engine steps in one transaction, to reach states that last milliseconds in real life,
 * such as an agent going off queue between its reservation and the dial.
 */
@Stateless
public class TestEngineSteps {

  @Inject Engine engine;

  @Inject Agents agents;

  /**
   * The agent becomes available, the engine reserves it for a waiting customer-first callback, and
   * the agent goes off queue before the dial, all before anyone else sees any of it.
   */
  public int reserveThenGoOffQueue(long agentId) {
    Caller test = Caller.system("test");
    agents.changeStatus(agentId, RoutingStatus.AVAILABLE, test);
    int routed = engine.route();
    agents.changeStatus(agentId, RoutingStatus.OFF_QUEUE, test);
    return routed;
  }
}
