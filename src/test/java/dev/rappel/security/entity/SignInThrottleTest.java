package dev.rappel.security.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private final SignInThrottle throttle =
      new SignInThrottle(
          3, Duration.ofSeconds(1), Duration.ofSeconds(300), 10, Duration.ofHours(1));
  private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z", "UTC");
  private final Instant lastFailure = clock.instant();

  private Optional<Duration> waitAfter(int addressFailures, int userFailures) {
    return throttle.waitBeforeNextTry(addressFailures, lastFailure, userFailures, clock.instant());
  }

  @Test
  void the_first_three_failures_from_an_address_cost_no_wait() {
    assertThat(waitAfter(0, 0)).isEmpty();
    assertThat(waitAfter(1, 1)).isEmpty();
    assertThat(waitAfter(2, 2)).isEmpty();
  }

  @Test
  void after_three_failures_the_next_try_waits_one_second_exactly() {
    assertThat(waitAfter(3, 3)).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(999));
    assertThat(waitAfter(3, 3)).contains(Duration.ofMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(waitAfter(3, 3)).isEmpty();
  }

  @Test
  void each_further_failure_doubles_the_wait() {
    assertThat(waitAfter(4, 4)).contains(Duration.ofSeconds(2));
    assertThat(waitAfter(5, 5)).contains(Duration.ofSeconds(4));
    assertThat(waitAfter(6, 6)).contains(Duration.ofSeconds(8));
  }

  @Test
  void the_wait_stops_growing_at_the_cap_and_never_overflows() {
    assertThat(waitAfter(11, 0)).contains(Duration.ofSeconds(256));
    assertThat(waitAfter(12, 0)).contains(Duration.ofSeconds(300));
    assertThat(waitAfter(1_000_000, 0)).contains(Duration.ofSeconds(300));
  }

  @Test
  void failures_are_forgotten_after_the_window() {
    clock.advance(Duration.ofHours(1).minusMillis(1));
    assertThat(throttle.forgets(lastFailure, clock.instant())).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(throttle.forgets(lastFailure, clock.instant())).isTrue();
    assertThat(waitAfter(100, 100)).isEmpty();
  }

  @Test
  void past_the_user_ceiling_an_address_gets_only_one_free_try() {
    assertThat(waitAfter(1, 9)).as("below the ceiling").isEmpty();
    assertThat(waitAfter(1, 10)).as("at the ceiling").contains(Duration.ofSeconds(1));
    assertThat(waitAfter(2, 10)).contains(Duration.ofSeconds(2));
  }

  @Test
  void a_client_that_has_not_failed_never_waits_whatever_the_user_ceiling() {
    assertThat(waitAfter(0, 10)).isEmpty();
    assertThat(waitAfter(0, 1_000_000)).isEmpty();
  }
}
