package dev.rappel.compliance.entity;

import dev.rappel.platform.entity.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At most {@code maxAttempts} dial attempts to one number in any rolling window of {@code perDays}
 * days, across all its callbacks and retries (Regulation F: 7 in 7 days). An attempt made at
 * instant {@code a} counts until {@code a + perDays}: exactly then it has left the window.
 */
public record ContactCap(int maxAttempts, int perDays) {
  public static final int MAX_ATTEMPTS = 100;
  public static final int MAX_DAYS = 365;

  public ContactCap {
    Violations violations = new Violations();
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      violations.add(
          "callbackSettings.contactCap.maxAttempts",
          "must be between 1 and " + MAX_ATTEMPTS + ", was " + maxAttempts + ".");
    }
    if (perDays < 1 || perDays > MAX_DAYS) {
      violations.add(
          "callbackSettings.contactCap.perDays",
          "must be between 1 and " + MAX_DAYS + " days, was " + perDays + ".");
    }
    violations.throwIfAny();
  }

  public Duration window() {
    return Duration.ofDays(perDays);
  }

  /** The attempts that count against a dial at {@code at}: made in {@code (at - window, at]}. */
  public long countAt(Instant at, List<Instant> attempts) {
    Instant since = at.minus(window());
    return attempts.stream().filter(a -> a.isAfter(since) && !a.isAfter(at)).count();
  }

  /** Whether one more attempt at {@code at} stays within the cap. */
  public boolean allowsAnotherAt(Instant at, List<Instant> attempts) {
    return countAt(at, attempts) < maxAttempts;
  }

  /**
   * The first instant at or after {@code at} when one more attempt stays within the cap: when
   * enough of the attempts counted at {@code at} have left the window.
   */
  public Instant firstAllowedAtOrAfter(Instant at, List<Instant> attempts) {
    Instant since = at.minus(window());
    List<Instant> counted =
        attempts.stream().filter(a -> a.isAfter(since) && !a.isAfter(at)).sorted().toList();
    int excess = counted.size() - maxAttempts + 1;
    if (excess <= 0) {
      return at;
    }
    return counted.get(excess - 1).plus(window());
  }

  /** The earliest instant attempts made up to {@code at} may count from. */
  public Instant windowStart(Instant at) {
    return at.minus(window());
  }

  public static Optional<ContactCap> of(Integer maxAttempts, Integer perDays) {
    return maxAttempts == null || perDays == null
        ? Optional.empty()
        : Optional.of(new ContactCap(maxAttempts, perDays));
  }

  public String describe() {
    return maxAttempts + " attempts in " + perDays + " days";
  }
}
