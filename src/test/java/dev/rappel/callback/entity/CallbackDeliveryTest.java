package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.agentFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.customerFirstQueue;
import static dev.rappel.testing.DeliveryFixtures.events;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.ownedBy;
import static dev.rappel.testing.DeliveryFixtures.owningQueue;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static dev.rappel.testing.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's steps on one callback: due time, ownership expiry, agent first (offer, accept,
 * decline, outcome, wrap-up), offers withdrawn and reservations released, cancel, and the history
 * each step leaves.
 */
class CallbackDeliveryTest {
  private static final String AGENT_7 = "agent:7";
  private static final String SUPERVISOR = "supervisor:anna";

  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent agent7 = available(7, clock);
  private final Agent agent8 = available(8, clock);
  private final Queue agentFirst = agentFirstQueue(1);

  /** Due and waiting for an agent. */
  private Callback queued(Callback callback) {
    clock.set(DUE);
    callback.markDue(clock);
    return callback;
  }

  private Callback offeredTo7() {
    Callback callback = queued(scheduled(agentFirst, clock));
    callback.offerTo(agent7, clock);
    return callback;
  }

  private Callback dialingWith7() {
    Callback callback = offeredTo7();
    callback.accept(agent7, clock, AGENT_7);
    return callback;
  }

  // ------------------------------------------------------------------ markDue

  @Test
  void callback_is_not_marked_due_one_millisecond_early() {
    Callback callback = scheduled(agentFirst, clock);
    clock.set(DUE.minusMillis(1));

    Throwable refused = catchThrowable(() -> callback.markDue(clock));

    assertThat(refused).isNotNull().hasMessageContaining(DUE.toString());
    assertThat(callback.state()).isEqualTo(CallbackState.SCHEDULED);
    assertThat(events(callback)).containsExactly("SCHEDULED");
  }

  @Test
  void callback_is_marked_due_at_exactly_its_instant_by_the_system() {
    Callback callback = scheduled(agentFirst, clock);
    clock.set(DUE);

    callback.markDue(clock);

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(last(callback).event()).isEqualTo("QUEUED");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM).isEqualTo("system");
    assertThat(last(callback).at()).isEqualTo(DUE);
    assertThat(last(callback).stateAfter()).isEqualTo("QUEUED");
    assertThat(last(callback).detail()).contains("0 ms later");
  }

  @Test
  void callback_marked_due_late_records_how_late_it_was_delivered() {
    Callback callback = scheduled(agentFirst, clock);
    clock.set(DUE.plusMillis(1500));

    callback.markDue(clock);

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(last(callback).at()).isEqualTo(DUE.plusMillis(1500));
    assertThat(last(callback).detail()).contains("1500 ms later");
  }

  @Test
  void the_bulk_delivery_event_is_the_event_of_the_entry_mark_due_records() {
    Agent owner = available(9, clock);
    Queue owning = owningQueue(4, 24, true);
    Callback callback = ownedBy(owner, owning, clock);
    set(callback, "preferredAgent", agent8);
    clock.set(DUE.plusMillis(40));

    callback.markDue(clock);

    // the bulk path writes the row from the callback's columns alone, without loading it
    HistoryEntry entry = last(callback);
    java.util.Set<Long> rowAgents =
        new java.util.HashSet<>(java.util.Set.of(owner.id(), agent8.id()));
    callback.scheduledBy().ifPresent(agent -> rowAgents.add(agent.id()));
    assertThat(
            CallbackChanged.delivered(
                callback.id(),
                entry.sequence(),
                DUE,
                clock.instant(),
                owning.id(),
                owner.id(),
                agent8.id(),
                rowAgents,
                callback.createdBy()))
        .isEqualTo(CallbackChanged.of(entry));
  }

  @Test
  void a_canceled_callback_cannot_be_marked_due() {
    Callback callback = scheduled(agentFirst, clock);
    callback.cancel(clock, SUPERVISOR);
    clock.set(DUE);

    assertThatThrownBy(() -> callback.markDue(clock))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("CANCELED");
    assertThat(callback.state()).isEqualTo(CallbackState.CANCELED);
  }

  @Test
  void a_callback_already_waiting_for_an_agent_cannot_be_marked_due_again() {
    Callback callback = queued(scheduled(agentFirst, clock));

    assertThatThrownBy(() -> callback.markDue(clock)).isInstanceOf(Conflict.class);
    assertThat(events(callback)).containsExactly("SCHEDULED", "QUEUED");
  }

  // ------------------------------------------------------------------ ownership expiry

  @Test
  void ownership_does_not_expire_one_millisecond_before_its_end() {
    Queue owning = owningQueue(2, 2, true);
    Callback callback = queued(ownedBy(agent7, owning, clock));
    Instant expiry = callback.ownership().orElseThrow().expiresAt();
    assertThat(expiry).isEqualTo(DUE.plus(Duration.ofHours(2)));
    clock.set(expiry.minusMillis(1));

    boolean changed = callback.expireOwnershipIfOver(clock);

    assertThat(changed).isFalse();
    assertThat(callback.ownership()).isPresent();
    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(last(callback).event()).isEqualTo("QUEUED");
  }

  @Test
  void expired_ownership_sends_the_callback_to_the_queue_when_the_policy_says_so() {
    Queue owning = owningQueue(2, 2, true);
    Callback callback = queued(ownedBy(agent7, owning, clock));
    clock.set(callback.ownership().orElseThrow().expiresAt());

    boolean changed = callback.expireOwnershipIfOver(clock);

    assertThat(changed).isTrue();
    assertThat(callback.ownership()).isEmpty();
    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(callback.state().isWaiting()).isTrue();
    assertThat(last(callback).event()).isEqualTo("OWNERSHIP_EXPIRED");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).stateAfter()).isEqualTo("QUEUED");
  }

  @Test
  void once_ownership_went_to_the_queue_any_free_member_may_get_the_callback() {
    Queue owning = owningQueue(2, 2, true);
    Callback callback = queued(ownedBy(agent7, owning, clock));
    clock.set(callback.ownership().orElseThrow().expiresAt());
    callback.expireOwnershipIfOver(clock);

    assertThat(callback.pickAgent(List.of(agent8), a -> !a.equals(agent7))).contains(agent8);
  }

  @Test
  void expired_ownership_ends_the_callback_as_expired_without_assign_to_queue() {
    Queue owning = owningQueue(2, 2, false);
    Callback callback = queued(ownedBy(agent7, owning, clock));
    clock.set(callback.ownership().orElseThrow().expiresAt());

    boolean changed = callback.expireOwnershipIfOver(clock);

    assertThat(changed).isTrue();
    assertThat(callback.state()).isEqualTo(CallbackState.EXPIRED);
    assertThat(callback.state().isTerminal()).isTrue();
    assertThat(callback.ownership()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("EXPIRED");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).stateAfter()).isEqualTo("EXPIRED");
    assertThatThrownBy(() -> callback.cancel(clock, SUPERVISOR)).isInstanceOf(Conflict.class);
  }

  @Test
  void ownership_expiry_does_nothing_to_a_callback_nobody_owns() {
    Callback callback = queued(scheduled(owningQueue(2, 2, false), clock));
    clock.advance(Duration.ofDays(40));

    assertThat(callback.expireOwnershipIfOver(clock)).isFalse();
    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(events(callback)).containsExactly("SCHEDULED", "QUEUED");
  }

  @Test
  void ownership_expiry_does_nothing_while_the_owner_has_the_callback_in_hand() {
    Queue owning = owningQueue(2, 2, false);
    Callback callback = queued(ownedBy(agent7, owning, clock));
    Instant afterExpiry = callback.ownership().orElseThrow().expiresAt().plusSeconds(1);
    callback.offerTo(agent7, clock);
    clock.set(afterExpiry);

    assertThat(callback.expireOwnershipIfOver(clock)).as("offered").isFalse();
    assertThat(callback.state()).isEqualTo(CallbackState.OFFERED);

    callback.accept(agent7, clock, AGENT_7);
    assertThat(callback.expireOwnershipIfOver(clock)).as("dialing").isFalse();
    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);

    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, "dialer:simulated");
    assertThat(callback.expireOwnershipIfOver(clock)).as("connected").isFalse();
    assertThat(callback.state()).isEqualTo(CallbackState.CONNECTED);
    assertThat(callback.ownership()).isPresent();
    assertThat(callback.assignedAgent()).contains(agent7);
  }

  // ------------------------------------------------------------------ agent first

  @Test
  void an_offer_puts_the_callback_in_one_agents_hands() {
    Callback callback = offeredTo7();

    assertThat(callback.state()).isEqualTo(CallbackState.OFFERED);
    assertThat(callback.assignedAgent()).contains(agent7);
    assertThat(last(callback).event()).isEqualTo("OFFERED");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).detail()).contains("7");
  }

  @Test
  void a_callback_that_is_not_due_cannot_be_offered() {
    Callback callback = scheduled(agentFirst, clock);

    assertThatThrownBy(() -> callback.offerTo(agent7, clock)).isInstanceOf(Conflict.class);
    assertThat(callback.assignedAgent()).isEmpty();
  }

  @Test
  void an_offered_callback_cannot_be_offered_to_a_second_agent() {
    Callback callback = offeredTo7();

    assertThatThrownBy(() -> callback.offerTo(agent8, clock)).isInstanceOf(Conflict.class);
    assertThat(callback.assignedAgent()).contains(agent7);
  }

  @Test
  void another_agent_cannot_accept_an_offer() {
    Callback callback = offeredTo7();

    assertThatThrownBy(() -> callback.accept(agent8, clock, "agent:8"))
        .isInstanceOf(Forbidden.class);
    assertThat(callback.state()).isEqualTo(CallbackState.OFFERED);
    assertThat(callback.attempts()).isEmpty();
  }

  @Test
  void accepting_starts_attempt_one_with_the_agent_on_the_line() {
    Callback callback = offeredTo7();
    clock.advance(Duration.ofSeconds(4));

    Attempt attempt = callback.accept(agent7, clock, AGENT_7);

    assertThat(callback.state()).isEqualTo(CallbackState.DIALING);
    assertThat(callback.attempts()).containsExactly(attempt);
    assertThat(attempt.number()).isEqualTo(1);
    assertThat(attempt.agent()).isEqualTo(agent7);
    assertThat(attempt.startedAt()).isEqualTo(clock.instant());
    assertThat(attempt.outcome()).isEmpty();
    assertThat(callback.assignedAgent()).contains(agent7);
    assertThat(last(callback).event()).isEqualTo("DIALING");
    assertThat(last(callback).actor()).isEqualTo(AGENT_7);
  }

  @Test
  void an_answered_agent_first_dial_connects() {
    Callback callback = dialingWith7();
    clock.advance(Duration.ofSeconds(20));

    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, AGENT_7);

    assertThat(callback.state()).isEqualTo(CallbackState.CONNECTED);
    assertThat(callback.assignedAgent()).contains(agent7);
    assertThat(callback.currentAttempt().outcome()).contains(DialOutcome.ANSWERED);
    assertThat(callback.currentAttempt().endedAt()).contains(clock.instant());
    assertThat(events(callback)).endsWith("ATTEMPT_ENDED", "CONNECTED");
  }

  @ParameterizedTest
  @EnumSource(
      value = DialOutcome.class,
      names = {"ANSWERED", "NOT_DIALED"},
      mode = EnumSource.Mode.EXCLUDE)
  void an_unanswered_agent_first_dial_fails_and_is_not_retried(DialOutcome outcome) {
    Callback callback = dialingWith7();
    Instant dueAt = callback.dueAt();

    callback.recordOutcome(1, outcome, clock, AGENT_7);

    assertThat(callback.state()).isEqualTo(CallbackState.FAILED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(callback.attempts()).hasSize(1);
    assertThat(callback.currentAttempt().outcome()).contains(outcome);
    assertThat(callback.dueAt()).isEqualTo(dueAt);
    assertThat(last(callback).event()).isEqualTo("FAILED");
  }

  @Test
  void completing_a_connected_callback_ends_it_and_frees_the_agent() {
    Callback callback = dialingWith7();
    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, AGENT_7);
    clock.advance(Duration.ofMinutes(6));

    callback.complete(agent7, clock, AGENT_7);

    assertThat(callback.state()).isEqualTo(CallbackState.COMPLETED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("COMPLETED");
    assertThat(last(callback).actor()).isEqualTo(AGENT_7);
    assertThat(last(callback).at()).isEqualTo(clock.instant());
  }

  @Test
  void only_the_connected_agent_can_complete_and_not_before_connection() {
    Callback callback = dialingWith7();

    assertThatThrownBy(() -> callback.complete(agent7, clock, AGENT_7))
        .as("still dialing")
        .isInstanceOf(Conflict.class);
    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, AGENT_7);
    assertThatThrownBy(() -> callback.complete(agent8, clock, "agent:8"))
        .as("another agent")
        .isInstanceOf(Forbidden.class);
    assertThat(callback.state()).isEqualTo(CallbackState.CONNECTED);
  }

  @Test
  void declining_sends_the_callback_back_to_the_queue() {
    Callback callback = offeredTo7();

    callback.decline(agent7, clock, AGENT_7);

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(callback.attempts()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("DECLINED");
    assertThat(last(callback).actor()).isEqualTo(AGENT_7);
    assertThat(last(callback).stateAfter()).isEqualTo("QUEUED");
  }

  @Test
  void the_step_that_takes_a_callback_from_an_agent_names_that_agent_for_its_desk() {
    Callback callback = offeredTo7();
    assertThat(last(callback).releasedAgentId()).isEmpty();

    callback.withdrawOffer(clock, "went off queue");

    assertThat(last(callback).releasedAgentId()).contains(7L);
    callback.cancel(clock, SUPERVISOR);
    assertThat(last(callback).releasedAgentId()).isEmpty();
  }

  @Test
  void the_agent_who_made_the_call_still_sees_the_callback_after_it_ended() {
    Callback callback = offeredTo7();
    Attempt attempt = callback.accept(agent7, clock, AGENT_7);
    callback.recordOutcome(attempt.number(), DialOutcome.NO_ANSWER, clock, "dialer");
    assertThat(callback.state()).isEqualTo(CallbackState.FAILED);

    CallbackAccess.of(
            new dev.rappel.platform.entity.Caller(
                AGENT_7,
                java.util.Set.of(dev.rappel.platform.entity.Role.AGENT),
                java.util.Optional.of(7L)))
        .requirePermits(callback);
    assertThatThrownBy(
            () ->
                CallbackAccess.of(
                        new dev.rappel.platform.entity.Caller(
                            "agent:8",
                            java.util.Set.of(dev.rappel.platform.entity.Role.AGENT),
                            java.util.Optional.of(8L)))
                    .requirePermits(callback))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void the_agent_a_callback_is_routed_to_first_sees_it_before_it_is_offered() {
    Callback callback = scheduled(agentFirst, clock);
    set(callback, "preferredAgent", agent8);

    CallbackAccess.of(agentCaller(8)).requirePermits(callback);
    assertThatThrownBy(() -> CallbackAccess.of(agentCaller(7)).requirePermits(callback))
        .isInstanceOf(Forbidden.class);
  }

  private static dev.rappel.platform.entity.Caller agentCaller(long id) {
    return new dev.rappel.platform.entity.Caller(
        "agent:" + id,
        java.util.Set.of(dev.rappel.platform.entity.Role.AGENT),
        java.util.Optional.of(id));
  }

  @Test
  void another_agent_cannot_decline_an_offer() {
    Callback callback = offeredTo7();

    assertThatThrownBy(() -> callback.decline(agent8, clock, "agent:8"))
        .isInstanceOf(Forbidden.class);
    assertThat(callback.state()).isEqualTo(CallbackState.OFFERED);
    assertThat(callback.assignedAgent()).contains(agent7);
  }

  // ------------------------------------------------------------------ withdraw, release, cancel

  @Test
  void withdrawing_an_offer_returns_the_callback_to_the_queue_with_history() {
    Callback callback = offeredTo7();

    callback.withdrawOffer(clock, "went off queue");

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("OFFER_WITHDRAWN");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).detail()).contains("7").contains("went off queue");
    assertThat(last(callback).stateAfter()).isEqualTo("QUEUED");
  }

  @Test
  void releasing_a_reservation_returns_the_callback_to_the_queue_with_history() {
    Callback callback = queued(scheduled(customerFirstQueue(3, 2, 60), clock));
    callback.reserve(agent7, clock);

    callback.releaseReservation(clock, "went off queue");

    assertThat(callback.state()).isEqualTo(CallbackState.QUEUED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("RESERVATION_RELEASED");
    assertThat(last(callback).actor()).isEqualTo(Callback.SYSTEM);
    assertThat(last(callback).detail()).contains("7").contains("went off queue");
    assertThat(last(callback).stateAfter()).isEqualTo("QUEUED");
  }

  @Test
  void withdrawing_or_releasing_a_callback_nobody_holds_is_a_conflict() {
    Callback callback = queued(scheduled(agentFirst, clock));

    assertThatThrownBy(() -> callback.withdrawOffer(clock, "off queue"))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> callback.releaseReservation(clock, "off queue"))
        .isInstanceOf(Conflict.class);
    assertThat(events(callback)).containsExactly("SCHEDULED", "QUEUED");
  }

  @ParameterizedTest
  @EnumSource(
      value = CallbackState.class,
      names = {"COMPLETED", "CANCELED", "EXPIRED", "FAILED"},
      mode = EnumSource.Mode.EXCLUDE)
  void cancel_in_any_unfinished_state_clears_the_assigned_agent(CallbackState state) {
    Callback callback = in(state);
    assertThat(callback.state()).isEqualTo(state);

    callback.cancel(clock, SUPERVISOR);

    assertThat(callback.state()).isEqualTo(CallbackState.CANCELED);
    assertThat(callback.assignedAgent()).isEmpty();
    assertThat(last(callback).event()).isEqualTo("CANCELED");
    assertThat(last(callback).actor()).isEqualTo(SUPERVISOR);
    assertThat(last(callback).stateAfter()).isEqualTo("CANCELED");
  }

  /** A callback brought to {@code state} by the engine's own steps where they lead there. */
  private Callback in(CallbackState state) {
    Queue customerFirst = customerFirstQueue(3, 2, 60);
    return switch (state) {
      case SCHEDULED -> scheduled(agentFirst, clock);
      case QUEUED -> queued(scheduled(agentFirst, clock));
      case OFFERED -> offeredTo7();
      case RESERVED -> {
        Callback callback = queued(scheduled(customerFirst, clock));
        set(callback, "state", CallbackState.RESERVED);
        set(callback, "assignedAgent", agent7);
        yield callback;
      }
      case DIALING -> dialingWith7();
      case CONNECTED -> {
        Callback callback = dialingWith7();
        callback.recordOutcome(1, DialOutcome.ANSWERED, clock, AGENT_7);
        yield callback;
      }
      case RETRY_WAIT -> {
        Callback callback = queued(scheduled(customerFirst, clock));
        DeliveryFixtures.reserveAndDial(callback, agent7, clock);
        callback.recordOutcome(1, DialOutcome.BUSY, clock, "dialer:simulated");
        yield callback;
      }
      default -> throw new IllegalArgumentException(state + " is terminal");
    };
  }

  // ------------------------------------------------------------------ history

  @Test
  void every_step_of_an_agent_first_life_is_recorded_with_the_state_it_left() {
    Callback callback = scheduled(agentFirst, clock);
    assertStateAfterMatches(callback);
    clock.set(DUE);
    callback.markDue(clock);
    assertStateAfterMatches(callback);
    callback.offerTo(agent8, clock);
    assertStateAfterMatches(callback);
    callback.decline(agent8, clock, "agent:8");
    assertStateAfterMatches(callback);
    callback.offerTo(agent7, clock);
    callback.withdrawOffer(clock, "went off queue");
    assertStateAfterMatches(callback);
    callback.offerTo(agent7, clock);
    callback.accept(agent7, clock, AGENT_7);
    assertStateAfterMatches(callback);
    callback.recordOutcome(1, DialOutcome.ANSWERED, clock, AGENT_7);
    assertStateAfterMatches(callback);
    callback.complete(agent7, clock, AGENT_7);
    assertStateAfterMatches(callback);

    assertThat(events(callback))
        .containsExactly(
            "SCHEDULED",
            "QUEUED",
            "OFFERED",
            "DECLINED",
            "OFFERED",
            "OFFER_WITHDRAWN",
            "OFFERED",
            "DIALING",
            "ATTEMPT_ENDED",
            "CONNECTED",
            "COMPLETED");
    assertThat(callback.history())
        .extracting(HistoryEntry::stateAfter)
        .containsExactly(
            "SCHEDULED",
            "QUEUED",
            "OFFERED",
            "QUEUED",
            "OFFERED",
            "QUEUED",
            "OFFERED",
            "DIALING",
            "DIALING",
            "CONNECTED",
            "COMPLETED");
    assertThat(callback.history())
        .extracting(HistoryEntry::sequence)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  }

  private static void assertStateAfterMatches(Callback callback) {
    assertThat(last(callback).stateAfter())
        .as("state after %s", last(callback).event())
        .isEqualTo(callback.state().name());
  }
}
