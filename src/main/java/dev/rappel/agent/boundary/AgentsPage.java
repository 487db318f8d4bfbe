package dev.rappel.agent.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.agent.control.QueueMemberships.QueueRef;
import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.TimeZones;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin's "Agents" page: every agent with its zone, routing status and queues; create an agent;
 * change an agent's status from its row.
 */
@Named("agentsPage")
@ViewScoped
public class AgentsPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<String> ZONES = TimeZones.ids();

  @Inject Agents agents;

  @Inject Caller caller;

  @Inject Clock clock;

  /** One row of the agent table, formatted for reading. */
  public record Row(long id, String name, String zone, String queues) implements Serializable {}

  private List<Row> rows;

  /** The status menu of each row, by agent id. */
  private final Map<Long, String> statuses = new HashMap<>();

  private String name;
  private String timeZone;
  private String status = RoutingStatus.OFF_QUEUE.name();

  @PostConstruct
  void init() {
    refresh();
  }

  public void create() {
    try {
      Agent agent = agents.create(new AgentInput(name, timeZone, status).toCommand(), caller);
      info("Agent '%s' created (id %d).".formatted(agent.name(), agent.id()));
      name = null;
      timeZone = null;
      status = RoutingStatus.OFF_QUEUE.name();
      refresh();
    } catch (RuleViolation violation) {
      for (FieldError e : violation.errors()) {
        error(fieldId(e.field()), e.message());
      }
    }
  }

  /** Applies the status chosen in the agent's row. */
  public void changeStatus(long id) {
    try {
      RoutingStatus chosen = Inputs.requiredEnum(statuses.get(id), RoutingStatus.class, "status");
      Agent agent = agents.changeStatus(id, chosen, caller);
      info("%s is now %s.".formatted(agent.name(), describe(agent.status())));
    } catch (RuleViolation | NotFound | Forbidden e) {
      error(null, e instanceof RuleViolation v ? v.errors().get(0).message() : e.getMessage());
    }
    refresh();
  }

  private static String fieldId(String field) {
    return switch (field) {
      case "name", "timeZone", "status" -> "agent:" + field;
      default -> null;
    };
  }

  private void refresh() {
    statuses.clear();
    rows =
        agents.allWithQueues().stream()
            .map(
                listed -> {
                  Agent a = listed.agent();
                  statuses.put(a.id(), a.status().name());
                  return new Row(
                      a.id(),
                      a.name(),
                      a.timeZone().map(ZoneId::getId).orElse("server's zone"),
                      String.join(", ", listed.queues().stream().map(QueueRef::name).toList()));
                })
            .toList();
  }

  private static String describe(RoutingStatus status) {
    return switch (status) {
      case OFF_QUEUE -> "off queue";
      case AVAILABLE -> "available";
      case BUSY -> "busy";
    };
  }

  public List<Row> getRows() {
    return rows;
  }

  public Map<Long, String> getStatuses() {
    return statuses;
  }

  public List<String> getStatusChoices() {
    return Arrays.stream(RoutingStatus.values()).map(Enum::name).toList();
  }

  public List<String> getZones() {
    return ZONES;
  }

  public String getServerZone() {
    return clock.getZone().getId();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }
}
