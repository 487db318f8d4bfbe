package dev.rappel.platform.control;

import java.time.Duration;

/** Waits between tries of something that may come back (a database): doubling, up to a cap. */
public final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** How long to wait before the next try; each call doubles the wait after it, up to the cap. */
  public synchronized Duration next() {
    Duration wait = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return wait;
  }

  /** It worked: the next trouble starts again from the first wait. */
  public synchronized void reset() {
    next = first;
  }
}
