package dev.rappel.callback.control;

import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.entity.RuleViolation;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a supervisor's list asks for. {@code agentId} matches callbacks an agent is involved in:
 * scheduled, owns, is preferred for, holds now (offered, reserved, on the line) or was on the call
 * of; {@code from} and {@code to} bound the scheduled time, {@code from} inclusive and {@code to}
 * exclusive, and {@code to} must come after {@code from}. What a caller may see is not a filter:
 * {@code CallbackAccess} adds it.
 */
public record CallbackFilter(
    Set<CallbackState> states,
    Optional<Long> queueId,
    Optional<Long> agentId,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> phoneNumber)
    implements java.io.Serializable {

  public CallbackFilter {
    if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
      throw new RuleViolation("to", "The end of the time range must come after its start.");
    }
  }

  /**
   * Optional is not serializable: the supervisor's list keeps the filter in force in its view
   * state, which the server writes with the session, as this copy.
   */
  private Object writeReplace() {
    return new Kept(
        Set.copyOf(states),
        queueId.orElse(null),
        agentId.orElse(null),
        from.orElse(null),
        to.orElse(null),
        phoneNumber.orElse(null));
  }

  private record Kept(
      Set<CallbackState> states,
      Long queueId,
      Long agentId,
      Instant from,
      Instant to,
      String phoneNumber)
      implements java.io.Serializable {
    private Object readResolve() {
      return new CallbackFilter(
          states,
          Optional.ofNullable(queueId),
          Optional.ofNullable(agentId),
          Optional.ofNullable(from),
          Optional.ofNullable(to),
          Optional.ofNullable(phoneNumber));
    }
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
