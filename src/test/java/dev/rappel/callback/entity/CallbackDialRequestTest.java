package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.customerFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.reserveAndDial;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A dial request as the outbox keeps it: named by a dial id, retried with backoff while the
 * telephony platform cannot take it, given up (NOT_DIALED) after the delivery timeout without
 * costing the customer a retry, and never answered for an attempt that is no longer current.
 */
class CallbackDialRequestTest {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);

  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent7 = available(7, clock);
  private final Queue customerFirst = customerFirstQueue(3, 1, 60);

  private Attempt dialing(Queue queue) {
    Callback callback = scheduled(queue, clock);
    clock.set(DUE);
    callback.markDue(clock);
    return reserveAndDial(callback, agent7, clock);
  }

  @Test
  void a_new_attempt_awaits_its_dial_under_an_id_of_its_own() {
    Attempt first = dialing(customerFirst);
    Attempt other = dialing(customerFirstQueue(4, 1, 60));

    assertThat(first.awaitsDial()).isTrue();
    assertThat(first.dialId()).isNotBlank().isNotEqualTo(other.dialId());
    assertThat(first.dialedAt()).isEmpty();
  }

  @Test
  void a_request_the_platform_took_no_longer_awaits_its_dial() {
    Attempt attempt = dialing(customerFirst);

    attempt.dialTaken(DUE.plusSeconds(2));

    assertThat(attempt.awaitsDial()).isFalse();
    assertThat(attempt.dialedAt()).contains(DUE.plusSeconds(2));
    assertThat(attempt.isDialOverdue(DELIVERY_TIMEOUT, DUE.plus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void tries_back_off_from_one_second_doubling_up_to_thirty() {
    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(Attempt::backoffAfter)
                .map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void a_request_not_taken_is_tried_again_after_its_backoff_by_any_instance() {
    Attempt attempt = dialing(customerFirst);

    attempt.dialNotTaken("503", DUE.plusSeconds(1));
    attempt.dialNotTaken("503", DUE.plusSeconds(3));

    assertThat(attempt.dialTries()).isEqualTo(2);
    assertThat(attempt.dialError()).contains("503");
    assertThat(attempt.awaitsDial()).isTrue();
  }

  @Test
  void a_request_is_overdue_exactly_at_the_delivery_timeout_not_a_millisecond_before() {
    Attempt attempt = dialing(customerFirst);

    assertThat(attempt.isDialOverdue(DELIVERY_TIMEOUT, DUE.plus(DELIVERY_TIMEOUT).minusMillis(1)))
        .isFalse();
    assertThat(attempt.isDialOverdue(DELIVERY_TIMEOUT, DUE.plus(DELIVERY_TIMEOUT))).isTrue();
  }

  @Test
  void not_dialled_goes_back_to_the_queue_keeping_its_place_and_its_retries() {
    Attempt attempt = dialing(customerFirst);
    Callback callback = attempt.callback();
    var dueAt = callback.dueAt();

    callback.recordOutcome(
        1, Optional.of(attempt.dialId()), DialOutcome.NOT_DIALED, clock, Callback.SYSTEM);

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(callback.dueAt()).isEqualTo(dueAt);
    assertThat(last(callback).event()).isEqualTo("NOT_DIALED");
    assertThat(last(callback).releasedAgentId()).contains(7L);
    assertThat(attempt.awaitsDial()).isFalse();
    assertThat(callback.customerAttempts()).isZero();
  }

  @Test
  void a_not_dialled_attempt_does_not_use_up_a_retry() {
    // one retry allowed: NOT_DIALED, then NO_ANSWER, then a retry still follows
    Attempt first = dialing(customerFirst);
    Callback callback = first.callback();
    callback.recordOutcome(1, DialOutcome.NOT_DIALED, clock, Callback.SYSTEM);
    reserveAndDial(callback, agent7, clock);
    callback.recordOutcome(2, DialOutcome.NO_ANSWER, clock, "dialer");

    assertThat(callback.state()).isEqualTo(CallbackState.RETRY_WAIT);
  }

  @Test
  void agent_first_not_dialled_goes_back_to_the_queue_instead_of_failing() {
    Queue agentFirst = agentFirstQueue(1);
    Callback callback = scheduled(agentFirst, clock);
    clock.set(DUE);
    callback.markDue(clock);
    callback.offerTo(agent7, clock);
    Attempt attempt = callback.accept(agent7, clock, "agent:7");

    callback.recordOutcome(attempt.number(), DialOutcome.NOT_DIALED, clock, Callback.SYSTEM);

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
  }

  @Test
  void an_outcome_naming_another_dial_is_refused_and_not_applied() {
    Attempt attempt = dialing(customerFirst);
    Callback callback = attempt.callback();

    assertThatThrownBy(
            () ->
                callback.recordOutcome(
                    1, Optional.of("some-other-dial"), DialOutcome.ANSWERED, clock, "dialer"))
        .isInstanceOf(Conflict.class);
    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);
    assertThat(attempt.outcome()).isEmpty();
  }

  @Test
  void an_outcome_for_an_earlier_attempt_is_refused_once_a_retry_is_dialled() {
    Attempt first = dialing(customerFirst);
    Callback callback = first.callback();
    callback.recordOutcome(1, DialOutcome.NO_ANSWER, clock, "dialer");
    clock.set(callback.dueAt());
    callback.markDue(clock);
    reserveAndDial(callback, agent7, clock);

    assertThatThrownBy(
            () ->
                callback.recordOutcome(
                    1, Optional.of(first.dialId()), DialOutcome.ANSWERED, clock, "dialer"))
        .isInstanceOf(Conflict.class);
    assertThat(callback.currentAttempt().outcome()).isEmpty();
  }

  @Test
  void not_dialled_is_never_reported_by_the_telephony_side() {
    assertThat(DialOutcome.NOT_DIALED.isReportable()).isFalse();
    assertThat(DialOutcome.NOT_DIALED.isCustomerAttempt()).isFalse();
    assertThat(DialOutcome.NO_ANSWER.isCustomerAttempt()).isTrue();
  }
}
