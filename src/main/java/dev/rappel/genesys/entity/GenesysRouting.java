package dev.rappel.genesys.entity;

import dev.rappel.platform.entity.RuleViolation;
import java.util.List;
import java.util.Optional;

/**
 * Where a Genesys create sends the callback: the queue ({@code queueId} or {@code
 * routingData.queueId}, one of them required, the same when both are given), the preferred agent
 * (the first of {@code routingData.preferredAgentIds}, else the best {@code scoredAgents} entry),
 * and whether that agent owns it ({@code AGENT_OWNED_CALLBACK} in {@code routingFlags}, which then
 * needs an agent; the queue's policy on owned callbacks applies). Queue and agents are references
 * as Genesys gives them (externalId or Rappel id), resolved later. {@code priority}, {@code
 * skillIds}, {@code languageId} and {@code label} have no counterpart in Rappel and are ignored.
 */
public record GenesysRouting(String queue, Optional<String> agent, boolean owned) {
  public static final String AGENT_OWNED = "AGENT_OWNED_CALLBACK";

  /** A scored agent of {@code routingData.scoredAgents}. */
  public record ScoredAgent(String agentId, int score) {}

  public static GenesysRouting of(
      String queueId,
      String routingQueueId,
      List<String> preferredAgentIds,
      List<ScoredAgent> scoredAgents,
      List<String> routingFlags) {
    String top = blankToNull(queueId);
    String routing = blankToNull(routingQueueId);
    if (top == null && routing == null) {
      throw new RuleViolation("queueId", "is required: queueId or routingData.queueId.");
    }
    if (top != null && routing != null && !top.equals(routing)) {
      throw new RuleViolation("queueId", "differs from routingData.queueId; give one queue.");
    }
    Optional<String> agent =
        (preferredAgentIds == null ? List.<String>of() : preferredAgentIds)
            .stream()
                .map(GenesysRouting::blankToNull)
                .filter(a -> a != null)
                .findFirst()
                .or(
                    () ->
                        (scoredAgents == null ? List.<ScoredAgent>of() : scoredAgents)
                            .stream()
                                .filter(s -> s != null && blankToNull(s.agentId()) != null)
                                .max(java.util.Comparator.comparingInt(ScoredAgent::score))
                                .map(s -> s.agentId().strip()));
    boolean owned = false;
    for (String flag : routingFlags == null ? List.<String>of() : routingFlags) {
      if (AGENT_OWNED.equals(flag)) {
        owned = true;
      } else {
        throw new RuleViolation(
            "routingData.routingFlags", "'" + flag + "' is not a flag; only " + AGENT_OWNED + ".");
      }
    }
    if (owned && agent.isEmpty()) {
      throw new RuleViolation(
          "routingData.routingFlags",
          AGENT_OWNED + " needs the owner in routingData.preferredAgentIds or scoredAgents.");
    }
    return new GenesysRouting(top != null ? top : routing, agent, owned);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
