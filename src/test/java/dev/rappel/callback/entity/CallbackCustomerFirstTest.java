package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.customerFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.events;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Customer first (rule 8): an agent is reserved and the customer dialled; a customer who does not
 * answer is dialled again after the queue's delay, up to its retry count, with a new reservation
 * each time; an uncallable number fails at once.
 */
class CallbackCustomerFirstTest {
  private static final String DIALER = "dialer:simulated";
  private static final int RETRIES = 2;
  private static final int DELAY_SECONDS = 120;

  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent7 = available(7, clock);
  private final Agent agent8 = available(8, clock);
  private final Queue customerFirst = customerFirstQueue(3, RETRIES, DELAY_SECONDS);

  private Callback queued(Queue queue) {
    Callback callback = scheduled(queue, clock);
    clock.set(DUE);
    callback.markDue(clock);
    return callback;
  }

  /** The customer did not answer attempt {@code number}; its retry comes due and is dialled. */
  private void retry(Callback callback, int number, Agent agent) {
    callback.recordOutcome(number, DialOutcome.NO_ANSWER, clock, DIALER);
    clock.set(callback.dueAt());
    callback.markDue(clock);
    DeliveryFixtures.reserveAndDial(callback, agent, clock);
  }

  @Test
  void reserve_and_dial_holds_the_agent_and_starts_attempt_one() {
    Callback callback = queued(customerFirst);

    Attempt attempt = DeliveryFixtures.reserveAndDial(callback, agent7, clock);

    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);
    assertThat(callback.assignedAgent()).contains(agent7);
    assertThat(attempt.number()).isEqualTo(1);
    assertThat(attempt.agent()).isEqualTo(agent7);
    assertThat(attempt.startedAt()).isEqualTo(DUE);
    assertThat(callback.attempts()).containsExactly(attempt);
    assertThat(callback.history())
        .extracting(HistoryEntry::event, HistoryEntry::stateAfter, HistoryEntry::actor)
        .endsWith(
            tuple("RESERVED", "RESERVED", Callback.SYSTEM),
            tuple("DIALING", "DIALING", Callback.SYSTEM));
  }

  @Test
  void a_callback_that_is_not_due_cannot_be_reserved() {
    Callback callback = scheduled(customerFirst, clock);

    assertThatThrownBy(() -> DeliveryFixtures.reserveAndDial(callback, agent7, clock))
        .isInstanceOf(Conflict.class);
    assertThat(callback.attempts()).isEmpty();
    assertThat(callback.assignedAgent()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DialOutcome.class,
      names = {"NO_ANSWER", "BUSY", "MACHINE"})
  void a_customer_who_does_not_answer_is_retried_after_the_delay_and_the_agent_released(
      DialOutcome outcome) {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    clock.advance(Duration.ofSeconds(25));
    Instant endedAt = clock.instant();

    callback.recordOutcome(1, outcome, clock, DIALER);

    assertThat(callback.state()).isEqualTo(CallbackState.RETRY_WAIT);
    assertThat(callback.dueAt()).isEqualTo(endedAt.plusSeconds(DELAY_SECONDS));
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(callback.currentAttempt().outcome()).contains(outcome);
    assertThat(callback.currentAttempt().endedAt()).contains(endedAt);
    assertThat(events(callback)).endsWith("ATTEMPT_ENDED", "RETRY_WAIT");
    assertThat(last(callback).actor()).isEqualTo(DIALER);
    assertThat(last(callback).stateAfter()).isEqualTo("RETRY_WAIT");
  }

  @Test
  void a_retry_is_not_due_one_millisecond_before_the_delay_is_over() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    callback.recordOutcome(1, DialOutcome.NO_ANSWER, clock, DIALER);
    clock.set(callback.dueAt().minusMillis(1));

    Throwable refused = catchThrowable(() -> callback.markDue(clock));

    assertThat(refused).isNotNull();
    assertThat(callback.state()).isEqualTo(CallbackState.RETRY_WAIT);
  }

  @Test
  void at_the_retry_time_it_is_queued_again_and_the_next_reservation_makes_attempt_two() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    callback.recordOutcome(1, DialOutcome.NO_ANSWER, clock, DIALER);
    Instant retryAt = callback.dueAt();
    clock.set(retryAt);

    callback.markDue(clock);

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(last(callback).event()).isEqualTo("QUEUED");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);

    Attempt second = DeliveryFixtures.reserveAndDial(callback, agent8, clock);

    assertThat(second.number()).isEqualTo(2);
    assertThat(second.agent()).isEqualTo(agent8);
    assertThat(second.startedAt()).isEqualTo(retryAt);
    assertThat(callback.assignedAgent()).contains(agent8);
    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);
    assertThat(callback.attempts())
        .extracting(Attempt::number, a -> a.outcome().orElse(null))
        .containsExactly(tuple(1, DialOutcome.NO_ANSWER), tuple(2, null));
  }

  @Test
  void after_max_retries_the_next_non_answer_fails_the_callback() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    retry(callback, 1, agent8); // retry 1: attempt 2
    retry(callback, 2, agent7); // retry 2: attempt 3

    callback.recordOutcome(3, DialOutcome.BUSY, clock, DIALER);

    assertThat(callback.state()).isEqualTo(CallbackState.FAILED);
    assertThat(callback.attempts()).hasSize(RETRIES + 1);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("FAILED");
    assertThat(last(callback).detail()).contains("3 attempts");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 10})
  void a_queue_dials_a_customer_who_never_answers_max_retry_count_plus_one_times(int retries) {
    Callback callback = queued(customerFirstQueue(4, retries, 30));
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    for (int attempt = 1; attempt <= retries; attempt++) {
      retry(callback, attempt, agent7);
    }

    callback.recordOutcome(retries + 1, DialOutcome.NO_ANSWER, clock, DIALER);

    assertThat(callback.state()).isEqualTo(CallbackState.FAILED);
    assertThat(callback.attempts()).hasSize(retries + 1);
    assertThat(callback.attemptCount()).isEqualTo(retries + 1);
  }

  @Test
  void the_attempt_count_follows_every_dial_without_reading_the_attempts() {
    Callback callback = queued(customerFirst);
    assertThat(callback.attemptCount()).isZero();

    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    assertThat(callback.attemptCount()).isEqualTo(1);
    retry(callback, 1, agent8);

    assertThat(callback.attemptCount()).isEqualTo(2).isEqualTo(callback.attempts().size());
  }

  @Test
  void with_no_retries_the_first_non_answer_fails() {
    Callback callback = queued(customerFirstQueue(4, 0, 30));
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);

    callback.recordOutcome(1, DialOutcome.NO_ANSWER, clock, DIALER);

    assertThat(callback.state()).isEqualTo(CallbackState.FAILED);
    assertThat(callback.attempts()).hasSize(1);
    assertThat(callback.assignedAgent()).isEmpty();
  }

  @Test
  void a_number_that_cannot_be_called_fails_at_once_with_retries_left() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    Instant dueAt = callback.dueAt();

    callback.recordOutcome(1, DialOutcome.FAILED, clock, DIALER);

    assertThat(callback.state()).isEqualTo(CallbackState.FAILED);
    assertThat(callback.attempts()).hasSize(1);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(callback.dueAt()).isEqualTo(dueAt);
    assertThat(last(callback).detail()).contains("cannot be called");
  }

  @Test
  void an_answer_on_a_retry_connects_the_reserved_agent_who_then_completes() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    retry(callback, 1, agent8);

    callback.recordOutcome(2, DialOutcome.ANSWERED, clock, DIALER);

    assertThat(callback.state()).isEqualTo(CallbackState.CONNECTED);
    assertThat(callback.assignedAgent()).contains(agent8);

    callback.complete(agent8, clock, "agent:8");

    assertThat(callback.state()).isEqualTo(CallbackState.COMPLETED);
    assertThat(callback.assignedAgent()).isEmpty();
  }

  @Test
  void an_outcome_for_an_attempt_that_is_not_in_progress_is_a_conflict() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    int historySize = callback.history().size();

    assertThatThrownBy(() -> callback.recordOutcome(2, DialOutcome.ANSWERED, clock, DIALER))
        .isInstanceOf(Conflict.class);
    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);
    assertThat(callback.currentAttempt().outcome()).isEmpty();
    assertThat(callback.history()).hasSize(historySize);
  }

  @Test
  void a_late_outcome_for_an_earlier_attempt_is_a_conflict_and_leaves_the_current_one_alone() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    retry(callback, 1, agent8);

    assertThatThrownBy(() -> callback.recordOutcome(1, DialOutcome.ANSWERED, clock, DIALER))
        .isInstanceOf(Conflict.class);
    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);
    assertThat(callback.currentAttempt().number()).isEqualTo(2);
    assertThat(callback.currentAttempt().outcome()).isEmpty();
  }

  @Test
  void a_repeated_outcome_while_waiting_for_the_retry_is_a_conflict() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    callback.recordOutcome(1, DialOutcome.NO_ANSWER, clock, DIALER);
    Instant retryAt = callback.dueAt();

    assertThatThrownBy(() -> callback.recordOutcome(1, DialOutcome.NO_ANSWER, clock, DIALER))
        .isInstanceOf(Conflict.class);
    assertThat(callback.state()).isEqualTo(CallbackState.RETRY_WAIT);
    assertThat(callback.dueAt()).isEqualTo(retryAt);
  }

  @Test
  void every_step_of_a_customer_first_life_is_recorded_with_the_state_it_left() {
    Callback callback = queued(customerFirst);
    DeliveryFixtures.reserveAndDial(callback, agent7, clock);
    retry(callback, 1, agent8);
    callback.recordOutcome(2, DialOutcome.ANSWERED, clock, DIALER);
    callback.complete(agent8, clock, "agent:8");

    assertThat(callback.history())
        .extracting(HistoryEntry::event, HistoryEntry::stateAfter)
        .containsExactly(
            tuple("SCHEDULED", "SCHEDULED"),
            tuple("QUEUED", "QUEUED"),
            tuple("RESERVED", "RESERVED"),
            tuple("DIALING", "DIALING"),
            tuple("ATTEMPT_ENDED", "DIALING"),
            tuple("RETRY_WAIT", "RETRY_WAIT"),
            tuple("QUEUED", "QUEUED"),
            tuple("RESERVED", "RESERVED"),
            tuple("DIALING", "DIALING"),
            tuple("ATTEMPT_ENDED", "DIALING"),
            tuple("CONNECTED", "CONNECTED"),
            tuple("COMPLETED", "COMPLETED"));
  }
}
