package dev.rappel.agent.boundary;

import dev.rappel.agent.entity.Agent;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** An agent as the API shows it. */
public record AgentView(
    long id,
    String name,
    String timeZone,
    String status,
    Instant statusChangedAt,
    String statusReason,
    List<Long> queueIds,
    @JsonbNillable(false) String externalId) {

  public static AgentView of(Agent agent, List<Long> queueIds) {
    return new AgentView(
        agent.id(),
        agent.name(),
        agent.timeZone().map(ZoneId::getId).orElse(null),
        agent.status().name(),
        agent.statusChangedAt(),
        agent.statusReason().orElse(null),
        queueIds,
        agent.externalId().orElse(null));
  }
}
