package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.CREATOR;
import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.Fixtures.integration;
import static dev.rappel.testing.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.agent.entity.Agent;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Personal data is kept for the retention period after a callback ended (365 days here): at exactly
 * that age it is due for erasure, a millisecond before it is not. Erasure replaces the number,
 * name, notes, caller ID name and data by a marker and keeps the history, scrubbed of the number.
 */
class CallbackPrivacyTest {
  private static final Duration RETENTION = Duration.ofDays(365);
  private static final String NUMBER = "+33142685300";

  private final MutableClock clock = DeliveryFixtures.clock();
  private final Queue queue = agentFirstQueue(1);
  private final Agent agent = available(7, clock);

  /** Agent first: dialled (the history names the number), answered and completed. */
  private Callback completed() {
    Callback callback =
        withId(
            Callback.fromIntegration(
                integration(queue)
                    .scheduledAt(DUE.toString())
                    .callerIdName("Camille's bank")
                    .data(Map.of("ticket", "T-42"))
                    .build(),
                clock,
                CREATOR),
            500L);
    clock.set(DUE);
    callback.markDue(clock);
    callback.offerTo(agent, clock);
    callback.accept(agent, clock, "agent7");
    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, "dialer");
    clock.advance(Duration.ofMinutes(5));
    callback.complete(agent, clock, "agent7");
    return callback;
  }

  @Test
  void a_callback_ended_exactly_the_retention_period_ago_is_due_for_erasure() {
    Callback callback = completed();
    clock.set(callback.endedAt().orElseThrow().plus(RETENTION));

    assertThat(callback.isPastRetention(RETENTION, clock)).isTrue();
  }

  @Test
  void a_callback_ended_one_millisecond_less_ago_is_kept() {
    Callback callback = completed();
    clock.set(callback.endedAt().orElseThrow().plus(RETENTION).minusMillis(1));

    assertThat(callback.isPastRetention(RETENTION, clock)).isFalse();
  }

  @Test
  void a_callback_still_under_way_is_never_due_for_erasure() {
    Callback callback = DeliveryFixtures.scheduled(queue, clock);
    clock.advance(RETENTION.multipliedBy(3));

    assertThat(callback.endedAt()).isEmpty();
    assertThat(callback.isPastRetention(RETENTION, clock)).isFalse();
  }

  @Test
  void the_retention_counts_from_the_step_that_ended_it() {
    Callback callback = completed();

    assertThat(callback.endedAt()).contains(last(callback).at());
  }

  @Test
  void erasure_replaces_the_personal_data_by_a_marker_and_keeps_the_history_without_the_number() {
    Callback callback = completed();
    int steps = callback.history().size();
    assertThat(callback.history()).anyMatch(e -> e.detail() != null && e.detail().contains(NUMBER));

    callback.erasePersonalData(clock, Callback.SYSTEM, "retention period over");

    assertThat(callback.phoneNumber()).isEmpty();
    assertThat(callback.shownNumber()).isEqualTo(Callback.ERASED);
    assertThat(callback.customerName()).contains(Callback.ERASED);
    assertThat(callback.callerIdName()).contains(Callback.ERASED);
    assertThat(callback.data()).isEmpty();
    assertThat(callback.state()).isEqualTo(CallbackState.COMPLETED);
    assertThat(callback.erasedAt()).contains(clock.instant());
    assertThat(callback.history()).hasSize(steps + 1);
    assertThat(callback.history())
        .noneMatch(e -> e.detail() != null && e.detail().contains(NUMBER));
    assertThat(callback.history()).anyMatch(e -> "attempt 1 to erased".equals(e.detail()));
    assertThat(last(callback).event()).isEqualTo(Callback.ERASED_EVENT);
    assertThat(callback.isPastRetention(Duration.ZERO, clock)).isFalse();
  }

  @Test
  void erasing_a_waiting_callback_cancels_it_first_since_it_can_no_longer_be_dialled() {
    Callback callback = DeliveryFixtures.scheduled(queue, clock);

    callback.erasePersonalData(clock, "admin", "on request");

    assertThat(callback.state()).isEqualTo(CallbackState.CANCELED);
    assertThat(callback.endedAt()).contains(clock.instant());
    assertThat(DeliveryFixtures.events(callback)).endsWith("CANCELED", Callback.ERASED_EVENT);
  }

  @Test
  void erasing_twice_changes_nothing_more() {
    Callback callback = completed();
    callback.erasePersonalData(clock, Callback.SYSTEM, "retention period over");
    int steps = callback.history().size();

    callback.erasePersonalData(clock, "admin", "on request");

    assertThat(callback.history()).hasSize(steps);
  }
}
