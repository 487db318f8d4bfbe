package dev.rappel.agent.boundary;

import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.ExternalId;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.platform.entity.Violations;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A new agent as typed: the body of {@code POST /agents} and what the admin console's form sends,
 * parsed by one method so both refuse the same input with the same words.
 */
public class AgentInput {
  public String name;

  /** The agent's IANA zone; absent = the server's. */
  public String timeZone;

  /** Its first routing status; absent = off queue. */
  public String status;

  /** Its id in another system (e.g. the Genesys Cloud user UUID), unique. */
  public String externalId;

  public AgentInput() {}

  AgentInput(String name, String timeZone, String status) {
    this.name = name;
    this.timeZone = timeZone;
    this.status = status;
  }

  /** Parses the text fields, reporting every mistake at once. */
  Agents.NewAgent toCommand() {
    Violations violations = new Violations();
    Optional<ZoneId> zone =
        violations.checkOptional(() -> TimeZones.parseOptional(timeZone, "timeZone"));
    Optional<RoutingStatus> initial =
        violations.checkOptional(() -> Inputs.enumValue(status, RoutingStatus.class, "status"));
    Optional<String> external =
        violations.checkOptional(() -> ExternalId.parse(externalId, "externalId"));
    violations.throwIfAny();
    return new Agents.NewAgent(name, zone, initial, external);
  }
}
