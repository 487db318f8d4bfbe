package dev.rappel.delivery.control;

import dev.rappel.callback.entity.Attempt;
import dev.rappel.callback.entity.Callback;

/**
 * What the telephony side needs to place one dial attempt. {@code dialId} names the attempt: the
 * platform reports the outcome with it and drops a request it has already taken.
 */
public record DialRequest(
    String dialId,
    long callbackId,
    int attempt,
    String phoneNumber,
    String callerId,
    String callerIdName,
    long agentId,
    String mode) {

  public static DialRequest of(Attempt attempt) {
    Callback callback = attempt.callback();
    return new DialRequest(
        attempt.dialId(),
        callback.id(),
        attempt.number(),
        callback.phoneNumber().orElseThrow().e164(),
        callback.callerId().map(Object::toString).orElse(null),
        callback.callerIdName().orElse(null),
        attempt.agent().id(),
        callback.queue().settings().mode().name());
  }
}
