package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.ownedBy;
import static dev.rappel.testing.DeliveryFixtures.owningQueue;
import static dev.rappel.testing.DeliveryFixtures.preferring;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.agent.entity.Agent;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Who gets a due callback (rules 6 and 7): the owner only while owned; the preferred agent first
 * when free; else the first free member in the queue's order, a decliner last.
 */
class CallbackRoutingTest {
  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent7 = available(7, clock);
  private final Agent agent8 = available(8, clock);
  private final Agent agent9 = available(9, clock);
  private final Queue queue = agentFirstQueue(1);
  private final Queue owning = owningQueue(2, 24, true);

  private static Predicate<Agent> everyone() {
    return a -> true;
  }

  private static Predicate<Agent> allBut(Agent... busy) {
    Set<Agent> notFree = Set.of(busy);
    return a -> !notFree.contains(a);
  }

  /** The id of the agent the callback would go to, for readable failures. */
  private static Optional<Long> picked(
      Callback callback, List<Agent> freeMembers, Predicate<Agent> isFree) {
    return callback.pickAgent(freeMembers, isFree).map(Agent::id);
  }

  private Callback due(Callback callback) {
    clock.set(DUE);
    callback.markDue(clock);
    return callback;
  }

  @Test
  void an_owned_callback_goes_to_its_owner_even_when_others_are_free_before_it() {
    Callback callback = due(ownedBy(agent7, owning, clock));

    assertThat(picked(callback, List.of(agent8, agent9, agent7), everyone())).contains(7L);
  }

  @Test
  void an_owned_callback_goes_to_its_free_owner_even_if_the_owner_is_not_listed() {
    Callback callback = due(ownedBy(agent7, owning, clock));

    assertThat(picked(callback, List.of(agent8), everyone())).contains(7L);
  }

  @Test
  void an_owned_callback_goes_to_nobody_while_its_owner_is_not_free() {
    Callback callback = due(ownedBy(agent7, owning, clock));

    assertThat(picked(callback, List.of(agent8, agent9, agent7), allBut(agent7))).isEmpty();
  }

  @Test
  void the_preferred_agent_gets_the_callback_first_when_free() {
    Callback callback = due(preferring(agent9, queue, clock));

    assertThat(picked(callback, List.of(agent7, agent8, agent9), everyone())).contains(9L);
  }

  @Test
  void without_a_free_preferred_agent_the_first_free_member_gets_the_callback() {
    Callback callback = due(preferring(agent9, queue, clock));

    assertThat(picked(callback, List.of(agent8, agent7, agent9), allBut(agent9))).contains(8L);
  }

  @Test
  void without_preference_members_are_taken_in_the_queues_order() {
    Callback callback = due(scheduled(queue, clock));

    assertThat(picked(callback, List.of(agent8, agent7, agent9), everyone())).contains(8L);
  }

  @Test
  void a_member_who_is_not_free_is_skipped() {
    Callback callback = due(scheduled(queue, clock));

    assertThat(picked(callback, List.of(agent7, agent8, agent9), allBut(agent7))).contains(8L);
  }

  @Test
  void nobody_gets_the_callback_when_no_member_is_free() {
    Callback callback = due(scheduled(queue, clock));

    assertThat(picked(callback, List.of(agent7, agent8), allBut(agent7, agent8))).isEmpty();
    assertThat(picked(callback, List.of(), everyone())).isEmpty();
  }

  @Test
  void an_agent_who_declined_comes_after_the_other_free_members() {
    Callback callback = due(scheduled(queue, clock));
    callback.offerTo(agent7, clock);
    callback.decline(agent7, clock, "agent:7");

    assertThat(picked(callback, List.of(agent7, agent8, agent9), everyone())).contains(8L);
  }

  @Test
  void an_agent_who_declined_still_gets_the_callback_when_alone() {
    Callback callback = due(scheduled(queue, clock));
    callback.offerTo(agent7, clock);
    callback.decline(agent7, clock, "agent:7");

    assertThat(picked(callback, List.of(agent7), everyone())).contains(7L);
    assertThat(picked(callback, List.of(agent7, agent8), allBut(agent8))).contains(7L);
  }

  @Test
  void a_preferred_agent_who_declined_comes_after_the_other_free_members() {
    // "route to me if possible" is a first offer; once that agent turned it down the callback
    // belongs to the queue, otherwise it would be offered to the same agent again and again
    Callback callback = due(preferring(agent7, queue, clock));
    assertThat(picked(callback, List.of(agent8, agent7), everyone())).contains(7L);
    callback.offerTo(agent7, clock);
    callback.decline(agent7, clock, "agent:7");

    assertThat(picked(callback, List.of(agent7, agent8), everyone())).contains(8L);
  }
}
