package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxEventTest {
  private static final Duration RETENTION = Duration.ofDays(7);

  private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z", "UTC");

  private final OutboxEvent event = new OutboxEvent(1, 1, clock.instant());

  @Test
  void a_new_event_may_go_at_once() {
    assertThat(event.maySendAt(clock.instant())).isTrue();
  }

  @Test
  void refusals_back_off_from_two_seconds_doubling_up_to_ten_minutes() {
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      event.refused(clock.instant());
      waits.add(Duration.between(clock.instant(), event.nextAttemptAt()).toSeconds());
    }

    assertThat(waits)
        .containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 600L, 600L, 600L);
    assertThat(event.attempts()).isEqualTo(12);
  }

  @Test
  void a_refused_event_may_go_again_at_the_exact_instant_of_its_retry() {
    event.refused(clock.instant());

    assertThat(event.maySendAt(clock.instant().plusMillis(1999))).isFalse();
    assertThat(event.maySendAt(clock.instant().plusSeconds(2))).isTrue();
  }

  @Test
  void a_delivered_event_is_not_sent_again_and_a_late_refusal_leaves_it_delivered() {
    event.delivered(clock.instant());
    event.refused(clock.instant());

    assertThat(event.maySendAt(clock.instant().plusSeconds(3600))).isFalse();
    assertThat(event.publishedAt()).contains(clock.instant());
    assertThat(event.attempts()).isZero();
  }

  @Test
  void a_delivered_event_is_purged_once_the_retention_has_passed_since_its_delivery() {
    clock.advance(Duration.ofMinutes(5));
    event.delivered(clock.instant());
    var deliveredAt = clock.instant();

    assertThat(event.isPurgedAt(deliveredAt.plus(RETENTION).minusMillis(1), RETENTION, true))
        .isFalse();
    assertThat(event.isPurgedAt(deliveredAt.plus(RETENTION), RETENTION, true)).isTrue();
    assertThat(OutboxEvent.purgeCutoff(deliveredAt.plus(RETENTION), RETENTION))
        .isEqualTo(deliveredAt);
  }

  @Test
  void an_undelivered_event_is_kept_however_old_while_a_subscriber_may_take_it() {
    assertThat(event.isPurgedAt(clock.instant().plus(RETENTION.multipliedBy(10)), RETENTION, true))
        .isFalse();
  }

  @Test
  void without_a_subscriber_an_undelivered_event_goes_once_the_retention_has_passed() {
    assertThat(event.isPurgedAt(clock.instant().plus(RETENTION).minusMillis(1), RETENTION, false))
        .isFalse();
    assertThat(event.isPurgedAt(clock.instant().plus(RETENTION), RETENTION, false)).isTrue();
  }
}
