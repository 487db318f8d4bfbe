package dev.rappel.callback.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.entity.Attempt;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.callback.entity.HistoryEntry;
import dev.rappel.callback.entity.Ownership;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A callback as the API shows it: the instant in UTC, and the same moment in the customer's zone
 * and in the zone of the agent who scheduled it (or the server's). {@code attempts} and {@code
 * history} are left out of list items. Once the retention period or a request erased the customer's
 * personal data, {@code erasedAt} says when, and {@code phoneNumber} (with any name, notes and
 * caller ID name) reads {@code "erased"}.
 */
public record CallbackView(
    long id,
    Long interactionId,
    long queueId,
    String queueName,
    String phoneNumber,
    String customerName,
    String timeZone,
    Instant scheduledAt,
    OffsetDateTime customerLocalTime,
    String agentTimeZone,
    OffsetDateTime agentLocalTime,
    String state,
    Instant dueAt,
    Long assignedAgentId,
    Long scheduledByAgentId,
    Long preferredAgentId,
    Long ownerAgentId,
    Instant ownershipExpiresAt,
    String callerId,
    String callerIdName,
    String notes,
    Map<String, String> data,
    Instant createdAt,
    String createdBy,
    Instant erasedAt,
    @JsonbNillable(false) List<AttemptView> attempts,
    @JsonbNillable(false) List<HistoryView> history) {

  /**
   * One dial attempt. {@code dialId} names its request to the telephony platform; {@code dialedAt}
   * is when the platform took it (absent while it has not, or for attempts made before dial ids).
   */
  public record AttemptView(
      int number,
      Instant startedAt,
      Instant endedAt,
      String outcome,
      Long agentId,
      String dialId,
      Instant dialedAt) {
    static AttemptView of(Attempt attempt) {
      return new AttemptView(
          attempt.number(),
          attempt.startedAt(),
          attempt.endedAt().orElse(null),
          attempt.outcome().map(Enum::name).orElse(null),
          attempt.agent() == null ? null : attempt.agent().id(),
          attempt.dialId(),
          attempt.dialedAt().orElse(null));
    }
  }

  public record HistoryView(Instant at, String event, String actor, String detail) {
    static HistoryView of(HistoryEntry entry) {
      return new HistoryView(entry.at(), entry.event(), entry.actor(), entry.detail());
    }
  }

  /** The whole callback, with attempts and history. */
  public static CallbackView of(Callback callback, Clock clock) {
    return build(
        callback,
        clock,
        callback.attempts().stream().map(AttemptView::of).toList(),
        callback.history().stream().map(HistoryView::of).toList());
  }

  /** A list item: no attempts or history. */
  public static CallbackView summary(Callback callback, Clock clock) {
    return build(callback, clock, null, null);
  }

  private static CallbackView build(
      Callback callback, Clock clock, List<AttemptView> attempts, List<HistoryView> history) {
    CallbackTime time = callback.time();
    ZoneId agentZone =
        callback.scheduledBy().map(a -> a.workingZone(clock)).orElse(clock.getZone());
    return new CallbackView(
        callback.id(),
        callback.interaction().map(Interaction::id).orElse(null),
        callback.queue().id(),
        callback.queue().name(),
        callback.shownNumber(),
        callback.customerName().orElse(null),
        time.zone().getId(),
        time.instant(),
        time.customerLocalTime(),
        agentZone.getId(),
        time.localTimeIn(agentZone),
        callback.state().name(),
        callback.dueAt(),
        callback.assignedAgent().map(Agent::id).orElse(null),
        callback.scheduledBy().map(Agent::id).orElse(null),
        callback.preferredAgent().map(Agent::id).orElse(null),
        callback.ownership().map(Ownership::owner).map(Agent::id).orElse(null),
        callback.ownership().map(Ownership::expiresAt).orElse(null),
        callback.callerId().map(PhoneNumber::e164).orElse(null),
        callback.callerIdName().orElse(null),
        callback.notes().orElse(null),
        callback.data(),
        callback.createdAt(),
        callback.createdBy(),
        callback.erasedAt().orElse(null),
        attempts,
        history);
  }
}
