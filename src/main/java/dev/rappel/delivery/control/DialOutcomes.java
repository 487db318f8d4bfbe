package dev.rappel.delivery.control;

import dev.rappel.callback.entity.DialOutcome;
import java.util.Optional;

/**
 * The port through which dialers report how a dial ended: the telephony platform's REST call, the
 * simulated dialer and the dispatch that could not place a call all end here, in one use case.
 */
public interface DialOutcomes {

  /**
   * Records the outcome of attempt {@code attempt} of a callback (the one named {@code dialId} when
   * given), in its own transaction.
   */
  void report(
      long callbackId, int attempt, Optional<String> dialId, DialOutcome outcome, String actor);
}
