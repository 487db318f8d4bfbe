package dev.rappel.delivery.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnginePulseTest {
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");
  private final EnginePulse pulse = new EnginePulse(Duration.ofSeconds(30), clock.instant());

  @Test
  void an_engine_that_completes_passes_is_not_stalled() {
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofSeconds(1));
      pulse.beat(clock.instant());
    }
    clock.advance(Duration.ofSeconds(29));

    assertThat(pulse.stall(clock.instant())).isEmpty();
    assertThat(pulse.lastBeat()).contains(clock.instant().minusSeconds(29));
  }

  @Test
  void no_pass_completed_for_thirty_seconds_is_a_stall_that_says_for_how_long() {
    clock.advance(Duration.ofSeconds(1));
    pulse.beat(clock.instant());
    clock.advance(Duration.ofSeconds(42));

    assertThat(pulse.stall(clock.instant())).contains("no engine pass completed for 42 s");
  }

  @Test
  void an_engine_that_never_completed_a_pass_stalls_thirty_seconds_after_it_started() {
    clock.advance(Duration.ofSeconds(29));
    assertThat(pulse.stall(clock.instant())).isEmpty();
    assertThat(pulse.lastBeat()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(pulse.stall(clock.instant())).contains("no engine pass completed for 30 s");
  }

  @Test
  void time_spent_waiting_for_the_schema_is_not_a_stall() {
    clock.advance(Duration.ofMinutes(5));
    pulse.expectFrom(clock.instant()); // the database answered only now

    clock.advance(Duration.ofSeconds(5));
    assertThat(pulse.stall(clock.instant())).isEmpty();
  }

  @Test
  void once_passes_ran_waiting_no_longer_excuses_silence() {
    pulse.beat(clock.instant());
    clock.advance(Duration.ofSeconds(40));

    pulse.expectFrom(clock.instant());

    assertThat(pulse.stall(clock.instant())).isPresent();
  }
}
