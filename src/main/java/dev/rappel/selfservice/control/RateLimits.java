package dev.rappel.selfservice.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often the public page may be asked for, per token and per client address: at most so many
 * requests in a window of ten minutes, counted in this server's memory (with several instances,
 * each counts its own; guessing a 256-bit token stays hopeless either way). Keys are token hashes
 * and addresses, never tokens.
 */
@ApplicationScoped
public class RateLimits {
  public static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int PRUNE_ABOVE = 10_000;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "rappel.selfservice.requests-per-token", defaultValue = "60")
  int perToken;

  @Inject
  @ConfigProperty(name = "rappel.selfservice.requests-per-address", defaultValue = "120")
  int perAddress;

  public RateLimits() {}

  RateLimits(Clock clock, int perToken, int perAddress) {
    this.clock = clock;
    this.perToken = perToken;
    this.perAddress = perAddress;
  }

  /**
   * Counts one request for the token (by its hash) and the address; empty when it may go ahead,
   * otherwise how long until it may. A refused request counts too, so hammering keeps it refused.
   */
  public Optional<Duration> take(String tokenHash, String address) {
    Instant now = clock.instant();
    if (windows.size() > PRUNE_ABOVE) {
      windows.values().removeIf(w -> w.over(now));
    }
    Optional<Duration> byToken = count("t:" + tokenHash, perToken, now);
    Optional<Duration> byAddress = count("a:" + address, perAddress, now);
    return byToken.isPresent() ? byToken : byAddress;
  }

  private Optional<Duration> count(String key, int limit, Instant now) {
    Window window =
        windows.compute(key, (k, w) -> w == null || w.over(now) ? new Window(now, 1) : w.plusOne());
    return window.count() > limit
        ? Optional.of(Duration.between(now, window.start().plus(WINDOW)))
        : Optional.empty();
  }

  /** Requests counted since {@code start}. */
  record Window(Instant start, int count) {
    boolean over(Instant now) {
      return !now.isBefore(start.plus(WINDOW));
    }

    Window plusOne() {
      return new Window(start, count + 1);
    }
  }
}
