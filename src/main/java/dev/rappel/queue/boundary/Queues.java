package dev.rappel.queue.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.audit.control.Audit;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.Queue;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Use cases of queues and their callback policy; each method is one transaction. */
@Stateless
public class Queues {

  @PersistenceContext EntityManager em;

  @Inject Audit audit;

  public Queue create(String name, CallbackSettings settings, Caller by) {
    return create(name, settings, Optional.empty(), by);
  }

  /** A new queue, known to another system as {@code externalId} when given. */
  public Queue create(
      String name, CallbackSettings settings, Optional<String> externalId, Caller by) {
    by.requireAdmin();
    Queue queue = new Queue(name, settings);
    requireUniqueName(queue.name(), null);
    requireUniqueExternalId(externalId, null);
    queue.identifyExternallyAs(externalId);
    em.persist(queue);
    em.flush();
    audit.record(by.name(), "QUEUE_CREATED", "queue " + queue.id(), describe(queue));
    return queue;
  }

  public Queue update(long id, String name, CallbackSettings settings, Caller by) {
    return update(id, name, settings, false, Optional.empty(), by);
  }

  /**
   * Renames, replaces the settings and, when {@code externalIdGiven}, sets the external id (empty
   * removes it).
   */
  public Queue update(
      long id,
      String name,
      CallbackSettings settings,
      boolean externalIdGiven,
      Optional<String> externalId,
      Caller by) {
    by.requireAdmin();
    Queue queue = find(id);
    queue.rename(name);
    requireUniqueName(queue.name(), queue.id());
    if (externalIdGiven) {
      requireUniqueExternalId(externalId, queue.id());
      queue.identifyExternallyAs(externalId);
    }
    queue.applySettings(settings);
    audit.record(by.name(), "QUEUE_CHANGED", "queue " + id, describe(queue));
    return queue;
  }

  private static String describe(Queue queue) {
    var s = queue.settings();
    var o = s.ownedCallbacks();
    return String.format(
        "'%s'%s: %s, queue selection %s, owned %s (%dh ahead, %dh, %s on expiry), retries %d every %ds,"
            + " offers answered within %ds, calls of at most %d min, %s",
        queue.name(),
        queue.externalId().map(e -> " (external id " + e + ")").orElse(""),
        s.mode(),
        s.allowsAgentQueueSelection(),
        o.isEnabled(),
        o.maxScheduleAheadHours(),
        o.ownershipHours(),
        o.assignToQueueOnExpiry() ? "to queue" : "expire",
        s.maxRetryCount(),
        s.retryDelaySeconds(),
        s.timeLimits().offerTimeoutSeconds(),
        s.timeLimits().maxCallMinutes(),
        s.contactPolicy().describe());
  }

  public Queue replaceMembers(long id, List<Long> agentIds, Caller by) {
    by.requireAdmin();
    Queue queue = find(id);
    List<Agent> agents = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    for (Long agentId : new LinkedHashSet<>(agentIds)) {
      Agent agent = agentId == null ? null : em.find(Agent.class, agentId);
      if (agent == null) {
        unknown.add(agentId);
      } else {
        agents.add(agent);
      }
    }
    if (!unknown.isEmpty()) {
      throw new RuleViolation("agentIds", "No agent has the id(s) " + unknown + ".");
    }
    queue.replaceMembers(agents);
    audit.record(
        by.name(),
        "MEMBERS_CHANGED",
        "queue " + id,
        "agents " + agents.stream().map(Agent::id).toList());
    return queue;
  }

  public Queue find(long id) {
    Queue queue = em.find(Queue.class, id);
    if (queue == null) {
      throw new NotFound("queue", id);
    }
    return queue;
  }

  public List<Queue> all() {
    return em.createNamedQuery(Queue.ALL, Queue.class).getResultList();
  }

  /** The queue another system knows by this id. */
  public Optional<Queue> withExternalId(String externalId) {
    return em.createNamedQuery(Queue.BY_EXTERNAL_ID, Queue.class)
        .setParameter("externalId", externalId)
        .getResultStream()
        .findFirst();
  }

  private void requireUniqueExternalId(Optional<String> externalId, Long self) {
    Optional<Queue> other = externalId.flatMap(this::withExternalId);
    if (other.isPresent() && !other.get().id().equals(self)) {
      throw new Conflict(
          "Queue " + other.get().id() + " already has the externalId '" + externalId.get() + "'.");
    }
  }

  private void requireUniqueName(String name, Long self) {
    boolean taken =
        em.createNamedQuery(Queue.BY_NAME, Queue.class)
            .setParameter("name", name.toLowerCase(Locale.ROOT))
            .getResultStream()
            .anyMatch(other -> !other.id().equals(self));
    if (taken) {
      throw new Conflict("A queue named '" + name + "' already exists.");
    }
  }
}
