package dev.rappel.agent.control;

import java.util.List;
import java.util.Map;

/**
 * The port through which the agent feature learns which queues its agents belong to. Membership is
 * the queue feature's (a queue lists its members), so it answers here too: the agent feature never
 * reads queues itself.
 */
public interface QueueMemberships {

  /** A queue as an agent's listing shows it. */
  record QueueRef(long id, String name) {}

  /** The queues each agent belongs to, in queue id order; agents in no queue are absent. */
  Map<Long, List<QueueRef>> queuesByAgent();

  /** The queues one agent belongs to, in id order. */
  List<QueueRef> queuesOf(long agentId);
}
