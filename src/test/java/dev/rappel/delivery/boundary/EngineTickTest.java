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

  @Test
  void a_rehearsal_writes_batches_until_it_has_written_enough() {
    assertTrue(EngineTick.rehearsesAnother(0, T.minusSeconds(10), T));
    assertTrue(
        EngineTick.rehearsesAnother(EngineTick.REHEARSAL_BATCHES - 1, T.minusSeconds(10), T));
    assertFalse(EngineTick.rehearsesAnother(EngineTick.REHEARSAL_BATCHES, T.minusSeconds(10), T));
  }

  @Test
  void a_rehearsal_stops_before_the_burst_comes_due() {
    assertTrue(EngineTick.rehearsesAnother(3, T.minusMillis(2001), T));
    assertFalse(EngineTick.rehearsesAnother(3, T.minusSeconds(2), T));
    assertFalse(EngineTick.rehearsesAnother(0, T.plusSeconds(1), T));
  }
}
