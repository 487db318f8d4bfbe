package dev.rappel.delivery.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the engine still works: it completes a pass every second or so, so a long silence means
 * it is stuck or failing, and callbacks are not delivered while the server looks healthy.
 */
public final class EnginePulse {
  private final Duration stallAfter;
  // the last completed pass, or since when passes are expected
  private volatile Instant since;
  private volatile boolean completedOnce;

  public EnginePulse(Duration stallAfter, Instant expectedFrom) {
    this.stallAfter = stallAfter;
    this.since = expectedFrom;
  }

  /** A pass completed. */
  public void beat(Instant at) {
    since = at;
    completedOnce = true;
  }

  /** Passes cannot run yet (the schema is not migrated): the silence does not count until now. */
  public void expectFrom(Instant at) {
    if (!completedOnce) {
      since = at;
    }
  }

  /** The last completed pass, if any. */
  public Optional<Instant> lastBeat() {
    return completedOnce ? Optional.of(since) : Optional.empty();
  }

  /** Why the engine counts as stalled at that instant: no pass completed for too long. */
  public Optional<String> stall(Instant now) {
    Duration silent = Duration.between(since, now);
    if (silent.compareTo(stallAfter) < 0) {
      return Optional.empty();
    }
    return Optional.of("no engine pass completed for " + silent.toSeconds() + " s");
  }
}
