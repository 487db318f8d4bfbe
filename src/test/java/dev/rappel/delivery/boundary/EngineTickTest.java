package dev.rappel.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineTickTest {
  private static final Instant T = Instant.parse("2026-12-01T14:00:00Z");

  @Test
  void tick_just_before_an_armed_wake_up_is_left_to_the_wake_up() {
    assertTrue(EngineTick.leavesTickTo(T, T.minusMillis(4)));
    assertTrue(EngineTick.leavesTickTo(T, T.minusMillis(249)));
  }

  @Test
  void tick_just_after_the_armed_instant_is_left_to_the_wake_up_about_to_run() {
    assertTrue(EngineTick.leavesTickTo(T, T.plusMillis(3)));
  }

  @Test
  void tick_well_before_an_armed_wake_up_runs_a_pass() {
    assertFalse(EngineTick.leavesTickTo(T, T.minusMillis(250)));
    assertFalse(EngineTick.leavesTickTo(T, T.minusMillis(900)));
  }

  @Test
  void a_wake_up_overdue_by_a_second_no_longer_holds_ticks_back() {
    assertFalse(EngineTick.leavesTickTo(T, T.plusSeconds(1)));
    assertFalse(EngineTick.leavesTickTo(T, T.plusSeconds(30)));
  }

  @Test
  void tick_without_an_armed_wake_up_runs_a_pass() {
    assertFalse(EngineTick.leavesTickTo(null, T));
  }
}
