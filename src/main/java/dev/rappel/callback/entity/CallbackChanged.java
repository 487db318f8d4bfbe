package dev.rappel.callback.entity;

import java.time.Instant;

/**
 * One recorded step of a callback, as published to agent desktops (SSE) and subscribers (webhooks).
 * {@code eventId} is unique per callback and step, so receivers can drop duplicates.
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
    Long releasedAgentId) {

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
        entry.releasedAgentId().orElse(null));
  }

  /**
   * The event of a delivery written in bulk without loading the callback: what {@link #of} gives
   * for the history entry {@link Callback#markDue} records (nobody is assigned or released yet).
   */
  public static CallbackChanged delivered(
      long callbackId,
      int sequence,
      Instant dueAt,
      Instant at,
      long queueId,
      Long ownerAgentId,
      Long preferredAgentId) {
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
        null);
  }

  /**
   * Whether an agent desktop of this agent cares: its offers (including one just taken from it),
   * its owned or preferred callbacks.
   */
  public boolean concernsAgent(long agentId) {
    return agents().contains(agentId);
  }

  /** Every agent this step concerns. */
  public java.util.Set<Long> agents() {
    return java.util.stream.Stream.of(
            assignedAgentId, ownerAgentId, preferredAgentId, releasedAgentId)
        .filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
