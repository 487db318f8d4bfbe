package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.CREATOR;
import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.preferring;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
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

  private static Caller token(String name, Set<Scope> scopes, Set<Long> eventQueues) {
    return new Caller(name, Set.of(), Optional.empty(), scopes, eventQueues);
  }

  @Test
  void a_callbacks_read_token_sees_only_what_it_created() {
    Callback callback = scheduled(queue, clock);
    Caller reader = token(CREATOR, Set.of(Scope.CALLBACKS_READ), Set.of());
    Caller other = token("token:9:other", Set.of(Scope.CALLBACKS_READ), Set.of());

    assertThat(CallbackAccess.of(reader).permits(callback)).isTrue();
    assertThat(CallbackAccess.of(other).permits(callback)).isFalse();
    assertThat(CallbackAccess.of(other).permits(CallbackChanged.of(last(callback)))).isFalse();
  }

  @Test
  void a_callbacks_manage_token_sees_every_callback() {
    Callback callback = scheduled(queue, clock);
    Caller manager = token("token:3:wfm", Set.of(Scope.CALLBACKS_MANAGE), Set.of());

    assertThat(CallbackAccess.of(manager).permits(callback)).isTrue();
    assertThatCode(() -> callback.requireManageableBy(manager)).doesNotThrowAnyException();
  }

  @Test
  void a_token_without_manage_may_not_change_a_callback() {
    Callback callback = scheduled(queue, clock);
    Caller creator = token(CREATOR, Set.of(Scope.CALLBACKS_CREATE, Scope.CALLBACKS_READ), Set.of());

    assertThatThrownBy(() -> callback.requireManageableBy(creator)).isInstanceOf(Forbidden.class);
  }

  @Test
  void an_events_token_limited_to_queues_gets_their_steps_without_detail_and_no_other_queue() {
    Callback inQueue1 = scheduled(queue, clock);
    Callback inQueue2 = scheduled(agentFirstQueue(2), clock);
    CallbackAccess wallboard =
        CallbackAccess.of(token("token:4:wallboard", Set.of(Scope.EVENTS_READ), Set.of(1L)));
    CallbackChanged step = CallbackChanged.of(last(inQueue1));

    assertThat(wallboard.permits(step)).isTrue();
    assertThat(wallboard.permits(CallbackChanged.of(last(inQueue2)))).isFalse();
    // the step, but not the detail text that may name the number: it may not read the callback
    assertThat(wallboard.shown(step).detail()).isNull();
    assertThat(wallboard.shown(step).callbackId()).isEqualTo(inQueue1.id());
    assertThat(wallboard.permits(inQueue1)).isFalse();
  }

  @Test
  void an_events_token_that_may_read_a_callback_gets_its_steps_in_full_from_any_queue() {
    Callback own = scheduled(agentFirstQueue(2), clock);
    CallbackAccess crm =
        CallbackAccess.of(
            token(CREATOR, Set.of(Scope.EVENTS_READ, Scope.CALLBACKS_READ), Set.of(1L)));
    CallbackChanged step = CallbackChanged.of(last(own));

    assertThat(crm.permits(step)).isTrue();
    assertThat(crm.shown(step)).isEqualTo(step);
    assertThat(crm.permits(own)).isTrue();
  }

  @Test
  void an_unlimited_events_token_gets_every_queue() {
    Callback callback = scheduled(agentFirstQueue(5), clock);
    CallbackAccess all =
        CallbackAccess.of(token("token:5:bi", Set.of(Scope.EVENTS_READ), Set.of()));

    assertThat(all.permits(CallbackChanged.of(last(callback)))).isTrue();
  }

  @Test
  void a_token_with_neither_read_nor_events_is_refused() {
    Caller dialer = token("token:6:dialer", Set.of(Scope.TELEPHONY), Set.of());
    Caller creator = token("token:7:form", Set.of(Scope.CALLBACKS_CREATE), Set.of());

    assertThatThrownBy(() -> CallbackAccess.of(dialer)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> CallbackAccess.of(creator)).isInstanceOf(Forbidden.class);
  }

  @Test
  void a_caller_with_no_reading_role_is_refused() {
    Caller nobody = new Caller("nobody", Set.of(), Optional.empty());

    assertThatThrownBy(() -> CallbackAccess.of(nobody)).isInstanceOf(Forbidden.class);
  }
}
