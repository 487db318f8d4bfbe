package dev.rappel.callback.control;

import dev.rappel.callback.entity.CallbackState;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a supervisor's list asks for. {@code agentId} matches callbacks an agent scheduled, owns or
 * is preferred for; {@code from} is inclusive and {@code to} exclusive.
 */
public record CallbackFilter(
    Set<CallbackState> states,
    Optional<Long> queueId,
    Optional<Long> agentId,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> phoneNumber) {

  public static CallbackFilter all() {
    return new CallbackFilter(
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
