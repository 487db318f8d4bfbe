package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static dev.rappel.testing.DeliveryFixtures.timedQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Role;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connected call has two ways out besides its agent's wrap-up: the queue's maxCallMinutes (30 min
 * here), reached at exactly connectedAt + 30 min and not a millisecond before, and a supervisor who
 * completes it.
 */
class CallbackCallTimeoutTest {
  private static final Duration MAX_CALL = Duration.ofMinutes(30);
  private static final Caller SUPERVISOR =
      new Caller("sam", Set.of(Role.SUPERVISOR), Optional.empty());

  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent = available(7, clock);

  /** Agent first: offered, accepted, and answered a minute later. */
  private Callback connected() {
    Callback callback = scheduled(timedQueue(1, 30, 30), clock);
    clock.set(DUE);
    callback.markDue(clock);
    callback.offerTo(agent, clock);
    callback.accept(agent, clock, "agent7");
    clock.advance(Duration.ofMinutes(1));
    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, "dialer");
    return callback;
  }

  private static Instant connectedAt(Callback callback) {
    return last(callback).at();
  }

  @Test
  void a_call_connected_for_exactly_the_limit_is_completed_by_the_system() {
    Callback callback = connected();
    clock.set(connectedAt(callback).plus(MAX_CALL));

    assertThat(callback.timeOutCall(clock)).isTrue();

    assertThat(callback.state()).isEqualTo(CallbackState.COMPLETED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("CALL_TIMED_OUT");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).stateAfter()).isEqualTo("COMPLETED");
    assertThat(last(callback).releasedAgentId()).contains(7L);
  }

  @Test
  void a_call_one_millisecond_short_of_the_limit_goes_on() {
    Callback callback = connected();
    clock.set(connectedAt(callback).plus(MAX_CALL).minusMillis(1));

    assertThat(callback.timeOutCall(clock)).isFalse();

    assertThat(callback.state()).isEqualTo(CallbackState.CONNECTED);
    assertThat(callback.assignedAgent()).contains(agent);
  }

  @Test
  void the_limit_counts_from_the_connection_not_from_the_dial() {
    Callback callback = connected();

    assertThat(callback.callDeadline()).contains(connectedAt(callback).plus(MAX_CALL));
  }

  @Test
  void a_call_wrapped_up_by_its_agent_no_longer_times_out() {
    Callback callback = connected();
    callback.complete(agent, clock, "agent7");
    clock.advance(MAX_CALL.multipliedBy(2));

    assertThat(callback.timeOutCall(clock)).isFalse();
    assertThat(callback.callDeadline()).isEmpty();
  }

  @Test
  void a_supervisor_completes_a_connected_call_and_is_named_in_the_history() {
    Callback callback = connected();

    callback.completeBySupervisor(SUPERVISOR, clock);

    assertThat(callback.state()).isEqualTo(CallbackState.COMPLETED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("COMPLETED");
    assertThat(last(callback).actor()).isEqualTo("sam");
    assertThat(last(callback).detail()).isEqualTo("completed by a supervisor");
    assertThat(last(callback).releasedAgentId()).contains(7L);
  }

  @Test
  void an_agent_who_is_not_a_supervisor_cannot_complete_for_a_supervisor() {
    Callback callback = connected();
    Caller otherAgent = new Caller("bob", Set.of(Role.AGENT), Optional.of(8L));

    assertThatThrownBy(() -> callback.completeBySupervisor(otherAgent, clock))
        .isInstanceOf(Forbidden.class);
    assertThat(callback.state()).isEqualTo(CallbackState.CONNECTED);
  }

  @Test
  void a_supervisor_completes_only_a_connected_callback() {
    Callback waiting = scheduled(timedQueue(1, 30, 30), clock);

    assertThatThrownBy(() -> waiting.completeBySupervisor(SUPERVISOR, clock))
        .isInstanceOf(Conflict.class);
    assertThat(waiting.state()).isEqualTo(CallbackState.SCHEDULED);
  }
}
