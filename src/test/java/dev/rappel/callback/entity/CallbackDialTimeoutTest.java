package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.customerFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.reserveAndDial;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackDialTimeoutTest {
  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent = available(7, clock);

  private Callback dialling() {
    Callback callback = scheduled(customerFirstQueue(1, 3, 60), clock);
    clock.set(DUE);
    callback.markDue(clock);
    reserveAndDial(callback, agent, clock);
    return callback;
  }

  @Test
  void customer_first_dial_without_outcome_counts_as_not_answered_and_is_retried() {
    Callback callback = dialling();
    clock.advance(Duration.ofSeconds(120));

    callback.timeOutDial(Duration.ofSeconds(120), clock);

    assertThat(callback.state()).isEqualTo(CallbackState.RETRY_WAIT);
    assertThat(callback.attempts().get(0).outcome()).contains(DialOutcome.NO_ANSWER);
    assertThat(callback.history().stream().map(HistoryEntry::event))
        .containsSubsequence("DIAL_TIMED_OUT", "ATTEMPT_ENDED", "RETRY_WAIT");
  }

  @Test
  void canceling_while_dialling_closes_the_attempt_and_refuses_its_late_outcome() {
    Callback callback = dialling();

    callback.cancel(clock, "supervisor");

    assertThat(callback.attempts().get(0).endedAt()).isPresent();
    assertThat(callback.attempts().get(0).outcome()).isEmpty();
    assertThatThrownBy(() -> callback.recordOutcome(1, DialOutcome.ANSWERED, clock, "dialer"))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> callback.timeOutDial(Duration.ofSeconds(1), clock))
        .isInstanceOf(Conflict.class);
  }
}
