package dev.rappel.events.entity;

import java.time.Instant;
import java.util.Optional;

/**
 * How one try to deliver event {@code eventId} went: the HTTP status the receiver answered (none
 * when it could not be reached or was not tried) or the error, and how long it took.
 */
public record DeliveryResult(
    String eventId,
    Instant at,
    Optional<Integer> status,
    Optional<String> error,
    long latencyMillis) {

  /** The receiver took it: a 2xx answer. */
  public boolean delivered() {
    return status.map(code -> code / 100 == 2).orElse(false);
  }

  /** What went wrong, as the subscription's state says it: "HTTP 500" or the error. */
  public String failure() {
    return status.filter(code -> code / 100 != 2).map(code -> "HTTP " + code).orElse("")
        + error.map(e -> (status.isPresent() ? ": " : "") + e).orElse("");
  }
}
