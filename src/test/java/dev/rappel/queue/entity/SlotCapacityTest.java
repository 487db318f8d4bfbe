package dev.rappel.queue.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.compliance.entity.CallingHours;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SlotCapacityTest {

  @Test
  void slots_are_aligned_on_their_length_in_utc() {
    SlotCapacity quarter = new SlotCapacity(15, 10);
    assertThat(quarter.slotOf(Instant.parse("2026-12-01T10:14:59Z")).start())
        .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(quarter.slotOf(Instant.parse("2026-12-01T10:15:00Z")).start())
        .isEqualTo(Instant.parse("2026-12-01T10:15:00Z"));
    SlotCapacity hour = new SlotCapacity(60, 10);
    var slot = hour.slotOf(Instant.parse("2026-12-01T10:59:00Z"));
    assertThat(slot.start()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(slot.end()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
  }

  @Test
  void a_slot_holds_its_start_but_not_its_end() {
    var slot = new SlotCapacity(30, 1).slotOf(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(slot.contains(Instant.parse("2026-12-01T10:00:00Z"))).isTrue();
    assertThat(slot.contains(Instant.parse("2026-12-01T10:29:59Z"))).isTrue();
    assertThat(slot.contains(Instant.parse("2026-12-01T10:30:00Z"))).isFalse();
  }

  @Test
  void slots_between_start_with_the_one_holding_from_and_stop_before_to() {
    var slots =
        new SlotCapacity(30, 1)
            .slotsBetween(
                Instant.parse("2026-12-01T10:10:00Z"), Instant.parse("2026-12-01T11:30:00Z"));
    assertThat(slots)
        .extracting(SlotCapacity.Slot::start)
        .containsExactly(
            Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T10:30:00Z"),
            Instant.parse("2026-12-01T11:00:00Z"));
  }

  @Test
  void a_slot_has_room_until_it_holds_max_callbacks() {
    SlotCapacity five = new SlotCapacity(15, 5);
    assertThat(five.hasRoom(4)).isTrue();
    assertThat(five.hasRoom(5)).isFalse();
    assertThat(five.free(3)).isEqualTo(2);
    assertThat(five.free(7)).isZero();
  }

  @Test
  void only_15_30_or_60_minutes_and_a_positive_maximum_are_accepted() {
    assertThatThrownBy(() -> new SlotCapacity(20, 0))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v ->
                assertThat(v.errors())
                    .extracting(e -> e.field())
                    .containsExactly(
                        "callbackSettings.slotCapacity.slotMinutes",
                        "callbackSettings.slotCapacity.maxCallbacks"));
  }

  @Test
  void off_unless_both_values_are_set() {
    assertThat(SlotCapacity.of(null, 5)).isEmpty();
    assertThat(SlotCapacity.of(15, null)).isEmpty();
    assertThat(SlotCapacity.of(15, 5)).isEqualTo(Optional.of(new SlotCapacity(15, 5)));
    assertThat(CallbackSettings.defaults().slotCapacity()).isEmpty();
  }

  @Test
  void suggestions_are_the_next_slots_with_room_never_before_now() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:07:00Z"), ZoneOffset.UTC);
    SlotCapacity two = new SlotCapacity(15, 2);
    Map<Instant, Long> taken =
        Map.of(
            Instant.parse("2026-12-01T10:15:00Z"), 2L,
            Instant.parse("2026-12-01T10:30:00Z"), 1L,
            Instant.parse("2026-12-01T10:45:00Z"), 2L);
    List<Instant> found =
        two.nextWithRoom(
            taken, clock.instant(), clock.instant().plus(Duration.ofDays(30)), 3, Optional::of);
    assertThat(found)
        .containsExactly(
            Instant.parse("2026-12-01T10:07:00Z"),
            Instant.parse("2026-12-01T10:30:00Z"),
            Instant.parse("2026-12-01T11:00:00Z"));
  }

  @Test
  void suggestions_keep_to_the_calling_hours_and_the_window() {
    Instant now = Instant.parse("2026-12-01T20:10:00Z");
    SlotCapacity one = new SlotCapacity(60, 1);
    CallingHours hours = CallingHours.everyDay(LocalTime.of(8, 0), LocalTime.of(20, 30));
    Function<Instant, Optional<Instant>> lawful =
        i -> hours.nextOpeningEverywhere(i, List.of(ZoneOffset.UTC));
    Map<Instant, Long> taken = Map.of(Instant.parse("2026-12-01T20:00:00Z"), 1L);
    assertThat(one.nextWithRoom(taken, now, now.plus(Duration.ofDays(30)), 2, lawful))
        .containsExactly(
            Instant.parse("2026-12-02T08:00:00Z"), Instant.parse("2026-12-02T09:00:00Z"));
    assertThat(one.nextWithRoom(taken, now, Instant.parse("2026-12-02T07:00:00Z"), 3, lawful))
        .isEmpty();
  }
}
