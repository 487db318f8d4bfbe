package dev.rappel.compliance.entity;

import java.time.LocalTime;

/**
 * A stretch of local time in which calls are allowed: from {@code from} up to and including {@code
 * to} (a call at 21:00 sharp is not "after 21:00").
 */
public record Interval(LocalTime from, LocalTime to) {
  public Interval {
    if (from == null || to == null || !from.isBefore(to)) {
      throw new IllegalArgumentException("an interval runs forward: " + from + "–" + to);
    }
  }

  public boolean contains(LocalTime time) {
    return !time.isBefore(from) && !time.isAfter(to);
  }

  @Override
  public String toString() {
    return from + "–" + to;
  }
}
