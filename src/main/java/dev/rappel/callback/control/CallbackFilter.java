package dev.rappel.callback.control;

import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.entity.RuleViolation;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a supervisor's list asks for. {@code agentId} matches callbacks an agent scheduled, owns, is
 * preferred for or holds now (offered, reserved, on the line); {@code from} and {@code to} bound
 * the scheduled time, {@code from} inclusive and {@code to} exclusive. {@code ofAgent} and {@code
 * createdBy} narrow the list to what a caller may see.
 */
public record CallbackFilter(
    Set<CallbackState> states,
    Optional<Long> queueId,
    Optional<Long> agentId,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> phoneNumber,
    Optional<Long> ofAgent,
    Optional<String> createdBy) {

  public CallbackFilter(
      Set<CallbackState> states,
      Optional<Long> queueId,
      Optional<Long> agentId,
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<String> phoneNumber) {
    this(states, queueId, agentId, from, to, phoneNumber, Optional.empty(), Optional.empty());
  }

  /**
   * A customer number or its beginning, as typed ("+33 1", "(212) 555"), in the E.164 form the
   * table holds: "+331" finds every Paris number.
   */
  public static Optional<String> numberPrefix(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String digits = raw.replaceAll("[\\s().-]", "");
    if (!digits.matches("\\+?[0-9]{1,15}")) {
      throw new RuleViolation(
          "phoneNumber", "'" + raw + "' is not a phone number or the beginning of one.");
    }
    return Optional.of(digits.startsWith("+") ? digits : "+" + digits);
  }

  /**
   * Narrowed to the callbacks an agent may see: those it scheduled, owns, is preferred for (they
   * will be offered to it first) or holds now.
   */
  public CallbackFilter onlyOfAgent(long agent) {
    return new CallbackFilter(
        states, queueId, agentId, from, to, phoneNumber, Optional.of(agent), createdBy);
  }

  /** Narrowed to the callbacks one integration created. */
  public CallbackFilter onlyCreatedBy(String creator) {
    return new CallbackFilter(
        states, queueId, agentId, from, to, phoneNumber, ofAgent, Optional.of(creator));
  }

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
