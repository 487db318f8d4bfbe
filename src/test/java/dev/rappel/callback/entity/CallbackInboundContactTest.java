package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.events;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static dev.rappel.testing.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Role;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A customer with a waiting callback gets through another way: an interaction reaches an agent. */
class CallbackInboundContactTest {
  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent = available(7, clock);
  private final Queue queue = agentFirstQueue(1);
  private final Queue otherQueue = agentFirstQueue(2);

  private Callback waiting() {
    return scheduled(queue, clock);
  }

  private Interaction callFrom(Callback callback) {
    return interaction(queue, callback.shownNumber(), agent, clock);
  }

  @Test
  void a_waiting_callback_matches_a_contact_from_its_number_on_its_queue_only() {
    Callback callback = waiting();
    PhoneNumber number = new PhoneNumber(callback.shownNumber());

    assertThat(callback.isWaitingFor(number, queue)).isTrue();
    assertThat(callback.isWaitingFor(number, otherQueue)).isFalse();
    assertThat(callback.isWaitingFor(new PhoneNumber("+33999999999"), queue)).isFalse();
  }

  @Test
  void a_callback_being_dialled_or_offered_does_not_match() {
    Callback callback = waiting();
    PhoneNumber number = new PhoneNumber(callback.shownNumber());
    clock.set(DUE);
    callback.markDue(clock);
    assertThat(callback.isWaitingFor(number, queue)).isTrue(); // QUEUED still waits

    callback.offerTo(agent, clock);
    assertThat(callback.isWaitingFor(number, queue)).isFalse();
    callback.accept(agent, clock, "agent:7");
    assertThat(callback.isWaitingFor(number, queue)).isFalse();
  }

  @Test
  void canceling_for_the_contact_names_the_interaction_then_records_the_usual_cancel() {
    Callback callback = waiting();
    Interaction contact = callFrom(callback);

    callback.cancelForInboundContact(contact, clock, Callback.SYSTEM);

    assertThat(callback.state()).isEqualTo(CallbackState.CANCELED);
    assertThat(events(callback)).endsWith("CUSTOMER_CALLED_IN", "CANCELED");
    HistoryEntry calledIn = callback.history().get(callback.history().size() - 2);
    assertThat(calledIn.detail()).contains("interaction 1000").contains("agent 7");
    assertThat(last(callback).stateAfter()).isEqualTo("CANCELED");
  }

  @Test
  void a_callback_an_agent_is_handling_is_never_canceled_for_a_contact() {
    Callback callback = waiting();
    clock.set(DUE);
    callback.markDue(clock);
    callback.offerTo(agent, clock);
    List<String> before = events(callback);

    assertThatThrownBy(() -> callback.cancelForInboundContact(callFrom(callback), clock, "x"))
        .isInstanceOf(Conflict.class);
    assertThat(callback.state()).isEqualTo(CallbackState.OFFERED);
    assertThat(events(callback)).isEqualTo(before);
  }

  @Test
  void the_agent_cancels_from_the_notice_as_the_actor_once() {
    Callback callback = waiting();
    InboundNotice notice = new InboundNotice(callback, callFrom(callback), clock);

    notice.cancelCallback(clock, "agent:7");

    assertThat(callback.state()).isEqualTo(CallbackState.CANCELED);
    assertThat(callback.history().get(callback.history().size() - 2).actor()).isEqualTo("agent:7");
    assertThat(notice.decision()).contains(InboundNotice.Decision.CANCELED);
    assertThat(notice.isOpen()).isFalse();
    assertThatThrownBy(() -> notice.keepCallback(clock, "agent:7")).isInstanceOf(Conflict.class);
  }

  @Test
  void keeping_dismisses_the_notice_and_leaves_the_callback_as_it_was() {
    Callback callback = waiting();
    List<String> before = events(callback);
    InboundNotice notice = new InboundNotice(callback, callFrom(callback), clock);

    notice.keepCallback(clock, "agent:7");

    assertThat(notice.decision()).contains(InboundNotice.Decision.KEPT);
    assertThat(notice.isOpen()).isFalse();
    assertThat(callback.state()).isEqualTo(CallbackState.SCHEDULED);
    assertThat(events(callback)).isEqualTo(before);
  }

  @Test
  void only_whoever_may_read_the_interaction_decides() {
    Callback callback = waiting();
    InboundNotice notice = new InboundNotice(callback, callFrom(callback), clock);

    notice.requireDecidableBy(new Caller("agent:7", Set.of(Role.AGENT), Optional.of(7L)));
    notice.requireDecidableBy(new Caller("anna", Set.of(Role.SUPERVISOR), Optional.empty()));
    assertThatThrownBy(
            () ->
                notice.requireDecidableBy(
                    new Caller("agent:8", Set.of(Role.AGENT), Optional.of(8L))))
        .isInstanceOf(Forbidden.class);
  }
}
