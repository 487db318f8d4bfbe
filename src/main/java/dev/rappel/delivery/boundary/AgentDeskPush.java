package dev.rappel.delivery.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.InboundNoticeRaised;
import dev.rappel.callback.entity.StepsRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells the open desk pages of the agents a committed change concerns to reload (Faces web socket
 * push, channel {@code desk}, one user per agent id). Only a signal goes out; the page reads the
 * callbacks through the boundary, under the agent's rights.
 */
@ApplicationScoped
public class AgentDeskPush {

  @Inject
  @Push(channel = "desk")
  PushContext desk;

  /** Steps this instance committed: one signal per agent, however many of its callbacks moved. */
  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) StepsRecorded recorded) {
    Set<Long> agents = new HashSet<>();
    recorded.steps().forEach(step -> agents.addAll(step.agents()));
    if (!agents.isEmpty()) {
      desk.send("changed", agents);
    }
  }

  /** A step relayed from another instance. */
  void changed(@Observes CallbackChanged relayed) {
    Set<Long> agents = relayed.agents();
    if (!agents.isEmpty()) {
      desk.send("changed", agents);
    }
  }

  /** The agent was told its customer has a callback waiting (or dismissed that notice). */
  void noticed(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboundNoticeRaised notice) {
    desk.send("changed", notice.agentId());
  }
}
