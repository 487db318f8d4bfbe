package dev.rappel.delivery.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineHealthTest {
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");

  private EngineHealth health(boolean enabled, long stallSeconds) {
    EngineHealth health = new EngineHealth();
    health.clock = clock;
    health.enabled = enabled;
    health.stallSeconds = stallSeconds;
    health.start();
    return health;
  }

  @Test
  void the_stall_limit_is_configurable() {
    EngineHealth health = health(true, 10);
    health.passCompleted();
    clock.advance(Duration.ofSeconds(10));

    assertThat(health.stall()).contains("no engine pass completed for 10 s");
  }

  @Test
  void a_disabled_engine_never_counts_as_stalled() {
    EngineHealth health = health(false, 30);
    clock.advance(Duration.ofHours(1));

    assertThat(health.stall()).isEmpty();
  }
}
