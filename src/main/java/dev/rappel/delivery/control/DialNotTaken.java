package dev.rappel.delivery.control;

/**
 * The telephony platform did not take a dial request. {@code retryable}: it may take it later
 * (unreachable, too slow, 5xx, 429); otherwise it refused this request for good (another 4xx).
 */
public class DialNotTaken extends RuntimeException {
  private final boolean retryable;

  public DialNotTaken(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
