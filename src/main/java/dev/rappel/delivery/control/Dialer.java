package dev.rappel.delivery.control;

import java.util.Optional;

/**
 * The port to the telephony platform. A dialer hands one dial request over and returns once the
 * platform took it; the outcome comes back later through {@code POST
 * /callbacks/{id}/attempts/{n}/outcome} (or {@link DialOutcomes} in-process). It throws {@link
 * DialNotTaken} when the platform did not take the request; retrying is the caller's job.
 */
public interface Dialer {
  void dial(DialRequest request);

  /** Why this dialer cannot place calls as configured, if it cannot. */
  default Optional<String> misconfiguration() {
    return Optional.empty();
  }
}
