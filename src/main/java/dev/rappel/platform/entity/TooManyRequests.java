package dev.rappel.platform.entity;

import java.time.Duration;

/** The caller already uses as much of something as one caller may: answered with 429. */
public class TooManyRequests extends RuntimeException {
  private final transient Duration retryAfter;

  public TooManyRequests(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** When trying again may succeed. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
