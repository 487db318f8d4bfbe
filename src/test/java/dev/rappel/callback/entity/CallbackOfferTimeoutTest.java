package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.events;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static dev.rappel.testing.DeliveryFixtures.timedQueue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Agent first: an offer neither accepted nor declined within the queue's offerTimeoutSeconds (20 s
 * here) is withdrawn at exactly offeredAt + 20 s, not a millisecond before; its agent goes off
 * queue as not responding and the callback waits for the next agent in its place.
 */
class CallbackOfferTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent7 = available(7, clock);
  private final Agent agent8 = available(8, clock);

  /** Offered to agent 7 ten seconds after it came due. */
  private Callback offered() {
    clock.set(DeliveryFixtures.NOW);
    Callback callback = scheduled(timedQueue(1, 20, 240), clock);
    clock.set(DUE);
    callback.markDue(clock);
    clock.advance(Duration.ofSeconds(10));
    callback.offerTo(agent7, clock);
    return callback;
  }

  private static Instant offeredAt(Callback callback) {
    return last(callback).at();
  }

  @Test
  void an_offer_unanswered_for_exactly_the_timeout_is_withdrawn() {
    Callback callback = offered();
    clock.set(offeredAt(callback).plus(TIMEOUT));

    assertThat(callback.timeOutOffer(clock)).isTrue();

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("OFFER_TIMED_OUT");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).detail()).contains("agent 7", "20 s", "not responding");
  }

  @Test
  void an_offer_one_millisecond_short_of_the_timeout_stays_with_its_agent() {
    Callback callback = offered();
    clock.set(offeredAt(callback).plus(TIMEOUT).minusMillis(1));

    assertThat(callback.timeOutOffer(clock)).isFalse();

    assertThat(callback.state()).isEqualTo(CallbackState.OFFERED);
    assertThat(callback.assignedAgent()).contains(agent7);
    assertThat(agent7.status()).isEqualTo(RoutingStatus.AVAILABLE);
    assertThat(events(callback)).doesNotContain("OFFER_TIMED_OUT");
  }

  @Test
  void the_deadline_is_the_offer_instant_plus_the_queues_offer_timeout() {
    Callback callback = offered();

    assertThat(callback.offerDeadline()).contains(offeredAt(callback).plus(TIMEOUT));
  }

  @Test
  void the_agent_who_did_not_answer_is_set_off_queue_as_not_responding() {
    Callback callback = offered();
    clock.set(offeredAt(callback).plus(TIMEOUT));

    callback.timeOutOffer(clock);

    assertThat(agent7.status()).isEqualTo(RoutingStatus.OFF_QUEUE);
    assertThat(agent7.statusReason()).contains(Agent.NOT_RESPONDING);
    assertThat(agent7.statusChangedAt()).isEqualTo(clock.instant());
  }

  @Test
  void the_step_names_the_agent_it_took_the_offer_from_so_its_desk_hears_of_it() {
    Callback callback = offered();
    clock.set(offeredAt(callback).plus(TIMEOUT));

    callback.timeOutOffer(clock);

    assertThat(last(callback).releasedAgentId()).contains(7L);
  }

  @Test
  void the_withdrawn_callback_keeps_its_place_and_goes_to_the_next_free_agent() {
    Callback callback = offered();
    clock.set(offeredAt(callback).plus(TIMEOUT));

    callback.timeOutOffer(clock);

    assertThat(callback.dueAt()).isEqualTo(DUE);
    assertThat(callback.pickAgent(List.of(agent7, agent8), Agent::isAvailable)).contains(agent8);
  }

  @Test
  void an_offer_answered_in_time_no_longer_times_out() {
    Callback accepted = offered();
    accepted.accept(agent7, clock, "agent7");
    Callback declined = offered();
    declined.decline(agent7, clock, "agent7");
    clock.advance(TIMEOUT.multipliedBy(10));

    assertThat(accepted.timeOutOffer(clock)).isFalse();
    assertThat(declined.timeOutOffer(clock)).isFalse();
    assertThat(accepted.state()).isEqualTo(CallbackState.DIALING);
    assertThat(declined.offerDeadline()).isEmpty();
  }
}
