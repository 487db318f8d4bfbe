package dev.rappel.callback.entity;

import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One recorded step of a callback, as published to agent desktops (SSE) and subscribers (webhooks).
 * {@code eventId} is unique per callback and step, so receivers can drop duplicates. {@code
 * involvedAgentIds} and {@code createdBy} say who may see the step ({@link CallbackAccess}); they
 * stay on the server.
 */
public record CallbackChanged(
    String eventId,
    long callbackId,
    int sequence,
    Instant at,
    String event,
    String actor,
    String detail,
    String state,
    long queueId,
    Long assignedAgentId,
    Long ownerAgentId,
    Long preferredAgentId,
    Long releasedAgentId,
    @JsonbTransient Set<Long> involvedAgentIds,
    @JsonbTransient String createdBy) {

  public static CallbackChanged of(HistoryEntry entry) {
    Callback callback = entry.callback();
    return new CallbackChanged(
        "cb-" + callback.id() + "-" + entry.sequence(),
        callback.id(),
        entry.sequence(),
        entry.at(),
        entry.event(),
        entry.actor(),
        entry.detail(),
        entry.stateAfter(),
        callback.queue().id(),
        callback.assignedAgent().map(a -> a.id()).orElse(null),
        callback.ownership().map(o -> o.owner().id()).orElse(null),
        callback.preferredAgent().map(a -> a.id()).orElse(null),
        entry.releasedAgentId().orElse(null),
        Involvement.agentsOf(callback),
        callback.createdBy());
  }

  /**
   * The event of a delivery written in bulk without loading the callback: what {@link #of} gives
   * for the history entry {@link Callback#markDue} records (nobody is assigned or released yet).
   * {@code involvedAgentIds} are those {@link Involvement} finds in the row and its attempts.
   */
  public static CallbackChanged delivered(
      long callbackId,
      int sequence,
      Instant dueAt,
      Instant at,
      long queueId,
      Long ownerAgentId,
      Long preferredAgentId,
      Set<Long> involvedAgentIds,
      String createdBy) {
    return new CallbackChanged(
        "cb-" + callbackId + "-" + sequence,
        callbackId,
        sequence,
        at,
        Callback.DELIVERED_EVENT,
        Callback.SYSTEM,
        Callback.deliveryNote(dueAt, at),
        CallbackState.ON_DELIVERY.name(),
        queueId,
        null,
        ownerAgentId,
        preferredAgentId,
        null,
        involvedAgentIds,
        createdBy);
  }

  /** The step without its detail text, which may name the number dialled. */
  public CallbackChanged withoutDetail() {
    return new CallbackChanged(
        eventId,
        callbackId,
        sequence,
        at,
        event,
        actor,
        null,
        state,
        queueId,
        assignedAgentId,
        ownerAgentId,
        preferredAgentId,
        releasedAgentId,
        involvedAgentIds,
        createdBy);
  }

  /**
   * Whether an agent desktop of this agent cares: a step of a callback the agent is involved in, or
   * the step that took one from it.
   */
  public boolean concernsAgent(long agentId) {
    return agents().contains(agentId);
  }

  /** Every agent this step concerns. */
  @JsonbTransient
  public Set<Long> agents() {
    return Stream.concat(involvedAgentIds.stream(), Stream.ofNullable(releasedAgentId))
        .collect(Collectors.toUnmodifiableSet());
  }
}
