package dev.rappel.agent.boundary;

import dev.rappel.agent.control.QueueMemberships;
import dev.rappel.agent.control.QueueMemberships.QueueRef;
import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.AgentStatusChanged;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.audit.control.Audit;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases of agents; each method is one transaction. */
@Stateless
public class Agents {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Audit audit;

  @Inject QueueMemberships memberships;

  @Inject Event<AgentStatusChanged> statusChanges;

  /** A new agent as parsed from the API or the admin console; without a status, off queue. */
  public record NewAgent(
      String name,
      Optional<ZoneId> timeZone,
      Optional<RoutingStatus> status,
      Optional<String> externalId) {

    public NewAgent(String name, Optional<ZoneId> timeZone, Optional<RoutingStatus> status) {
      this(name, timeZone, status, Optional.empty());
    }
  }

  public Agent create(NewAgent command, Caller by) {
    by.requireAdmin();
    Agent agent = new Agent(command.name(), command.timeZone().orElse(null), clock);
    command.status().ifPresent(status -> agent.changeStatus(status, clock));
    requireUniqueExternalId(command.externalId(), null);
    agent.identifyExternallyAs(command.externalId());
    em.persist(agent);
    em.flush();
    audit.record(by.name(), "AGENT_CREATED", "agent " + agent.id(), agent.name());
    return agent;
  }

  /** Sets (or, empty, removes) the id another system, e.g. Genesys Cloud, knows the agent by. */
  public Agent identifyExternally(long id, Optional<String> externalId, Caller by) {
    by.requireAdmin();
    Agent agent = find(id);
    requireUniqueExternalId(externalId, agent.id());
    agent.identifyExternallyAs(externalId);
    audit.record(
        by.name(), "AGENT_CHANGED", "agent " + id, "external id " + externalId.orElse("(none)"));
    return agent;
  }

  /** The agent another system knows by this id. */
  public Optional<Agent> withExternalId(String externalId) {
    return em.createNamedQuery(Agent.BY_EXTERNAL_ID, Agent.class)
        .setParameter("externalId", externalId)
        .getResultStream()
        .findFirst();
  }

  private void requireUniqueExternalId(Optional<String> externalId, Long self) {
    Optional<Agent> other = externalId.flatMap(this::withExternalId);
    if (other.isPresent() && !other.get().id().equals(self)) {
      throw new Conflict(
          "Agent " + other.get().id() + " already has the externalId '" + externalId.get() + "'.");
    }
  }

  /** An agent changes its own status; an admin anyone's. */
  public Agent changeStatus(long id, RoutingStatus status, Caller by) {
    if (!by.isAdmin() && !by.isAgent(id)) {
      throw new Forbidden("An agent changes only its own status.");
    }
    Agent agent = find(id);
    RoutingStatus before = agent.status();
    agent.changeStatus(status, clock);
    if (before != status) {
      statusChanges.fire(new AgentStatusChanged(agent.id(), before, status));
    }
    return agent;
  }

  public Agent find(long id, Caller by) {
    by.requireSeesAgent(id);
    return find(id);
  }

  public Agent find(long id) {
    Agent agent = em.find(Agent.class, id);
    if (agent == null) {
      throw new NotFound("agent", id);
    }
    return agent;
  }

  public List<Agent> all() {
    return em.createQuery("SELECT a FROM Agent a ORDER BY a.id", Agent.class).getResultList();
  }

  /** An agent and the queues it belongs to. */
  public record WithQueues(Agent agent, List<QueueRef> queues) {
    public List<Long> queueIds() {
      return queues.stream().map(QueueRef::id).toList();
    }
  }

  /** Every agent with its queues, in two queries whatever the number of agents. */
  public List<WithQueues> allWithQueues() {
    Map<Long, List<QueueRef>> queuesByAgent = memberships.queuesByAgent();
    return all().stream()
        .map(a -> new WithQueues(a, queuesByAgent.getOrDefault(a.id(), List.of())))
        .toList();
  }

  public List<Long> queueIdsOf(Agent agent) {
    return memberships.queuesOf(agent.id()).stream().map(QueueRef::id).toList();
  }
}
