package dev.rappel.security.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a client waits before its next password try, so that passwords cannot be guessed at
 * speed and nobody can lock a user out. Failures count per user and client address: the first
 * {@code freeFailures} from an address cost nothing, then each further try from it waits {@code
 * firstDelay}, twice that, four times that... up to {@code maxDelay} after its last failure. Past
 * {@code userCeiling} failures of the user across all addresses (an attack from many addresses),
 * every address gets only one free try. A client that has not failed is never made to wait: the
 * right password from it always gets through. Failures older than {@code forgetAfter} are
 * forgotten.
 */
public record SignInThrottle(
    int freeFailures,
    Duration firstDelay,
    Duration maxDelay,
    int userCeiling,
    Duration forgetAfter) {

  public SignInThrottle {
    if (freeFailures < 1 || userCeiling < 1) {
      throw new IllegalArgumentException("free failures and the user ceiling must be at least 1");
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.isNegative()) {
      throw new IllegalArgumentException("delays must be positive, the cap at least the first");
    }
  }

  /**
   * The wait before the next try from an address, empty when it may try now.
   *
   * @param addressFailures failures of the user from this address, not yet forgotten
   * @param lastFailure when the last of them happened
   * @param userFailures failures of the user from all addresses, not yet forgotten
   */
  public Optional<Duration> waitBeforeNextTry(
      int addressFailures, Instant lastFailure, int userFailures, Instant now) {
    int free = userFailures >= userCeiling ? 1 : freeFailures;
    if (addressFailures < free || forgets(lastFailure, now)) {
      return Optional.empty();
    }
    Instant allowedAt = lastFailure.plus(delayAfter(addressFailures - free));
    return now.isBefore(allowedAt)
        ? Optional.of(Duration.between(now, allowedAt))
        : Optional.empty();
  }

  /** Whether a failure at that time no longer counts. */
  public boolean forgets(Instant failure, Instant now) {
    return !now.isBefore(failure.plus(forgetAfter));
  }

  /** When failures become old enough to be forgotten. */
  public Instant forgottenBefore(Instant now) {
    return now.minus(forgetAfter);
  }

  private Duration delayAfter(int delayedTries) {
    // doubling overflows long before 63 tries; the cap is reached far earlier anyway
    if (delayedTries >= 30) {
      return maxDelay;
    }
    Duration delay = firstDelay.multipliedBy(1L << delayedTries);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
