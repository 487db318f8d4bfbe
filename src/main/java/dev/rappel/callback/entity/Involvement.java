package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ways an agent can be involved in a callback. Each way says, side by side, how it reads on a
 * loaded callback and as a query condition, so an agent's list, the supervisor's agent filter, a
 * read by id and the event stream all mean the same callbacks.
 */
public enum Involvement {
  /** The agent scheduled it. */
  SCHEDULED("scheduledBy", Callback::scheduledBy),
  /** The agent owns it. */
  OWNS("owner", c -> c.ownership().map(Ownership::owner)),
  /** It is routed to the agent first. */
  PREFERRED("preferredAgent", Callback::preferredAgent),
  /** It is offered to, reserved for or on the line with the agent now. */
  HOLDS("assignedAgent", Callback::assignedAgent),
  /** The agent was on one of its calls: it schedules the follow-up afterwards. */
  CALLED(null, c -> Optional.empty()) {
    @Override
    Stream<Agent> agentsIn(Callback callback) {
      return callback.attempts().stream().map(Attempt::agent).filter(a -> a != null);
    }

    @Override
    Predicate involves(
        CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root, long agentId) {
      Subquery<Long> calls = query.subquery(Long.class);
      Root<Attempt> attempt = calls.from(Attempt.class);
      calls
          .select(attempt.get("id"))
          .where(
              cb.equal(attempt.get("callback"), root),
              cb.equal(attempt.get("agent").get("id"), agentId));
      return cb.exists(calls);
    }
  };

  /** The callback's attribute that names the agent, for the ways that are one column. */
  private final String attribute;

  private final Function<Callback, Optional<Agent>> agent;

  Involvement(String attribute, Function<Callback, Optional<Agent>> agent) {
    this.attribute = attribute;
    this.agent = agent;
  }

  Stream<Agent> agentsIn(Callback callback) {
    return agent.apply(callback).stream();
  }

  Predicate involves(
      CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root, long agentId) {
    return cb.equal(root.join(attribute, JoinType.LEFT).get("id"), agentId);
  }

  /** Every agent involved in the callback, in any way. */
  public static Set<Long> agentsOf(Callback callback) {
    return Arrays.stream(values())
        .flatMap(way -> way.agentsIn(callback))
        .map(Agent::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The query condition: the agent is involved in the callback, in any way. */
  public static Predicate anyWay(
      CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root, long agentId) {
    return cb.or(
        Arrays.stream(values())
            .map(way -> way.involves(cb, query, root, agentId))
            .toArray(Predicate[]::new));
  }
}
