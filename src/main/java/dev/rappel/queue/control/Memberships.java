package dev.rappel.queue.control;

import dev.rappel.agent.control.QueueMemberships;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Queue membership read from the agent's side: one query, whatever the number of agents. */
@Dependent
public class Memberships implements QueueMemberships {

  @PersistenceContext EntityManager em;

  @Override
  public Map<Long, List<QueueRef>> queuesByAgent() {
    Map<Long, List<QueueRef>> byAgent = new HashMap<>();
    em.createQuery(
            "SELECT m.id, q.id, q.name FROM Queue q JOIN q.members m ORDER BY q.id", Object[].class)
        .getResultList()
        .forEach(
            row ->
                byAgent
                    .computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                    .add(new QueueRef((Long) row[1], (String) row[2])));
    return byAgent;
  }

  @Override
  public List<QueueRef> queuesOf(long agentId) {
    return em
        .createQuery(
            "SELECT q.id, q.name FROM Queue q JOIN q.members m WHERE m.id = :agent ORDER BY q.id",
            Object[].class)
        .setParameter("agent", agentId)
        .getResultList()
        .stream()
        .map(row -> new QueueRef((Long) row[0], (String) row[1]))
        .toList();
  }
}
