package dev.rappel.selfservice.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private final MutableClock clock =
      new MutableClock(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void a_token_asked_for_too_often_waits_until_its_window_ends() {
    RateLimits limits = new RateLimits(clock, 3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(limits.take("token", "10.0.0." + i)).isEmpty();
    }
    clock.advance(Duration.ofMinutes(4));
    assertThat(limits.take("token", "10.0.0.9")).contains(Duration.ofMinutes(6));
    assertThat(limits.take("another", "10.0.0.9")).isEmpty();
    clock.advance(Duration.ofMinutes(6));
    assertThat(limits.take("token", "10.0.0.9")).isEmpty();
  }

  @Test
  void an_address_trying_many_tokens_is_limited_too() {
    RateLimits limits = new RateLimits(clock, 100, 2);
    assertThat(limits.take("a", "192.0.2.1")).isEmpty();
    assertThat(limits.take("b", "192.0.2.1")).isEmpty();
    assertThat(limits.take("c", "192.0.2.1")).isPresent();
    assertThat(limits.take("c", "192.0.2.2")).isEmpty();
  }
}
