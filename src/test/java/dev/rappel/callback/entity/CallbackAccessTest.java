package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.CREATOR;
import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.preferring;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Role;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.MutableClock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may see a callback and its steps: one policy, so a read by id and the event stream agree (the
 * list's query is checked against the same policy over HTTP).
 */
class CallbackAccessTest {
  private final MutableClock clock = dev.rappel.testing.DeliveryFixtures.clock();
  private final Agent agent7 = available(7, clock);
  private final Agent agent8 = available(8, clock);
  private final Queue queue = agentFirstQueue(1);

  private static Caller agent(long id) {
    return new Caller("agent:" + id, Set.of(Role.AGENT), Optional.of(id));
  }

  private static final Caller SUPERVISOR =
      new Caller("anna", Set.of(Role.SUPERVISOR), Optional.empty());

  private static Caller integration(String name) {
    return new Caller(name, Set.of(Role.INTEGRATION), Optional.empty());
  }

  private Callback offeredTo7() {
    Callback callback = scheduled(queue, clock);
    clock.set(DUE);
    callback.markDue(clock);
    callback.offerTo(agent7, clock);
    return callback;
  }

  @Test
  void supervisors_see_every_callback_and_every_step() {
    Callback callback = scheduled(queue, clock);

    assertThat(CallbackAccess.of(SUPERVISOR).permits(callback)).isTrue();
    assertThat(CallbackAccess.of(SUPERVISOR).permits(CallbackChanged.of(last(callback)))).isTrue();
  }

  @Test
  void an_agent_sees_a_callback_and_its_steps_only_while_involved() {
    Callback callback = offeredTo7();

    assertThat(CallbackAccess.of(agent(7)).permits(callback)).isTrue();
    assertThat(CallbackAccess.of(agent(7)).permits(CallbackChanged.of(last(callback)))).isTrue();
    assertThat(CallbackAccess.of(agent(8)).permits(callback)).isFalse();
    assertThat(CallbackAccess.of(agent(8)).permits(CallbackChanged.of(last(callback)))).isFalse();
    assertThatThrownBy(() -> CallbackAccess.of(agent(8)).requirePermits(callback))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void an_agent_hears_the_step_that_takes_a_callback_from_it_but_may_not_open_it_afterwards() {
    Callback callback = offeredTo7();

    callback.decline(agent7, clock, "agent:7");

    CallbackChanged declined = CallbackChanged.of(last(callback));
    assertThat(CallbackAccess.of(agent(7)).permits(declined)).isTrue();
    assertThat(CallbackAccess.of(agent(7)).permits(callback)).isFalse();
  }

  @Test
  void the_agent_who_called_it_stays_involved_after_the_call() {
    Callback callback = offeredTo7();
    Attempt attempt = callback.accept(agent7, clock, "agent:7");
    callback.recordOutcome(attempt.number(), DialOutcome.NO_ANSWER, clock, "dialer");

    assertThat(Involvement.agentsOf(callback)).containsExactly(7L);
    assertThat(CallbackAccess.of(agent(7)).permits(callback)).isTrue();
    assertThat(CallbackAccess.of(agent(7)).permits(CallbackChanged.of(last(callback)))).isTrue();
  }

  @Test
  void the_agent_a_callback_is_routed_to_first_is_involved_before_any_offer() {
    Callback callback = preferring(agent8, queue, clock);

    assertThat(Involvement.agentsOf(callback)).containsExactly(8L);
    assertThat(CallbackAccess.of(agent(8)).permits(CallbackChanged.of(last(callback)))).isTrue();
  }

  @Test
  void an_integration_sees_the_callbacks_it_created_and_only_their_steps() {
    Callback callback = scheduled(queue, clock);

    assertThat(CallbackAccess.of(integration(CREATOR)).permits(callback)).isTrue();
    assertThat(CallbackAccess.of(integration(CREATOR)).permits(CallbackChanged.of(last(callback))))
        .isTrue();
    assertThat(CallbackAccess.of(integration("integration:other")).permits(callback)).isFalse();
    assertThat(
            CallbackAccess.of(integration("integration:other"))
                .permits(CallbackChanged.of(last(callback))))
        .isFalse();
  }

  @Test
  void a_caller_with_no_reading_role_is_refused() {
    Caller nobody = new Caller("nobody", Set.of(), Optional.empty());

    assertThatThrownBy(() -> CallbackAccess.of(nobody)).isInstanceOf(Forbidden.class);
  }
}
