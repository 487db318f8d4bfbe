package dev.rappel.compliance.entity;

import java.time.Instant;
import java.util.Optional;

/**
 * What the rules say about calling a number at an instant: each rule's result, and what follows —
 * go ahead, wait until {@link #until} (held for the calling hours, deferred by the contact cap), or
 * never (the number is on the do-not-call list).
 */
public record Verdict(
    Instant checkedFor,
    Destination destination,
    RuleResult callingHours,
    RuleResult doNotCall,
    RuleResult contactCap,
    Outcome outcome,
    Optional<Instant> until) {

  public enum Outcome {
    /** Every rule allows it. */
    ALLOWED,
    /** Outside the calling hours: wait for the next opening. */
    HELD,
    /** Beyond the contact cap: wait until the cap allows another attempt. */
    DEFERRED,
    /** On the do-not-call list: never. */
    CANCELED
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }
}
