package dev.rappel.testing.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock moved by an offset the test sets: time still flows, but hours pass at will. */
public final class ShiftedClock extends Clock {
  private final ZoneId zone;
  private final AtomicReference<Duration> offset;

  ShiftedClock(ZoneId zone, AtomicReference<Duration> offset) {
    this.zone = zone;
    this.offset = offset;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new ShiftedClock(other, offset);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
