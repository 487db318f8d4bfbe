package dev.rappel.callback.entity;

import static dev.rappel.testing.Fixtures.NEW_YORK;
import static dev.rappel.testing.Fixtures.PARIS;
import static dev.rappel.testing.Fixtures.agent;
import static dev.rappel.testing.Fixtures.interaction;
import static dev.rappel.testing.Fixtures.ownedEnabled;
import static dev.rappel.testing.Fixtures.queue;
import static dev.rappel.testing.Fixtures.schedule;
import static dev.rappel.testing.Fixtures.set;
import static dev.rappel.testing.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.PreconditionFailed;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.MutableClock;
import dev.rappel.testing.Violated;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reschedule, move, reassign, release and cancel: each leaves a history entry with its actor. */
class CallbackChangesTest {
  private static final String SUPERVISOR = "supervisor:anna";

  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");
  private final Agent scheduler = agent(7, PARIS, clock);
  private final Agent other = agent(8, PARIS, clock);
  // owned callbacks allowed up to 3 days ahead, owned for 1 day
  private final Queue owning = queue(1, "Owning", settings(false, ownedEnabled(72, 24)));
  private final Queue plain = queue(2, "Plain");
  private final Queue alsoOwning = queue(3, "Also owning", settings(false, ownedEnabled(720, 48)));

  /** A callback for tomorrow 10:00 Paris (08:00 UTC), scheduled by agent 7 on the owning queue. */
  private Callback scheduled() {
    return Callback.fromInteraction(
        interaction(owning, "+33142685300", scheduler, clock),
        schedule().at("2026-06-11", "10:00").build(),
        clock,
        "agent:7");
  }

  private Callback owned() {
    return Callback.fromInteraction(
        interaction(owning, "+33142685300", scheduler, clock),
        schedule().at("2026-06-11", "10:00").takeOwnership().build(),
        clock,
        "agent:7");
  }

  private static CallbackTime at(String instant) {
    return new CallbackTime(Instant.parse(instant), NEW_YORK);
  }

  private static HistoryEntry last(Callback callback) {
    return callback.history().get(callback.history().size() - 1);
  }

  @Test
  void reschedule_moves_the_time_and_zone_and_records_who_did_it() {
    Callback callback = scheduled();
    clock.advance(Duration.ofMinutes(5));

    callback.reschedule(at("2026-06-12T15:00:00Z"), clock, SUPERVISOR);

    assertThat(callback.time()).isEqualTo(at("2026-06-12T15:00:00Z"));
    assertThat(callback.state()).isEqualTo(CallbackState.SCHEDULED);
    assertThat(callback.history())
        .extracting(HistoryEntry::event, HistoryEntry::actor)
        .containsExactly(tuple("SCHEDULED", "agent:7"), tuple("RESCHEDULED", SUPERVISOR));
    assertThat(last(callback).at()).isEqualTo(clock.instant());
    assertThat(last(callback).detail())
        .contains("2026-06-11 10:00 Europe/Paris")
        .contains("2026-06-12 11:00 America/New_York");
  }

  @Test
  void reschedule_obeys_the_window_and_changes_nothing_when_refused() {
    Callback callback = scheduled();

    assertThat(
            Violated.fields(
                () -> callback.reschedule(at("2026-06-10T07:00:00Z"), clock, SUPERVISOR)))
        .containsExactly("scheduledAt");
    assertThat(
            Violated.fields(
                () -> callback.reschedule(at("2026-07-10T08:01:00Z"), clock, SUPERVISOR)))
        .containsExactly("scheduledAt");
    assertThat(callback.time().instant()).isEqualTo(Instant.parse("2026-06-11T08:00:00Z"));
    assertThat(callback.history()).hasSize(1);
  }

  @Test
  void reschedule_after_cancel_is_a_conflict() {
    Callback callback = scheduled();
    callback.cancel(clock, SUPERVISOR);

    assertThatThrownBy(() -> callback.reschedule(at("2026-06-12T15:00:00Z"), clock, SUPERVISOR))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("CANCELED");
  }

  @Test
  void a_due_callback_that_is_waiting_goes_back_to_scheduled_when_rescheduled() {
    Callback callback = scheduled();
    set(callback, "state", CallbackState.QUEUED);

    callback.reschedule(at("2026-06-12T15:00:00Z"), clock, SUPERVISOR);

    assertThat(callback.state()).isEqualTo(CallbackState.SCHEDULED);
  }

  @Test
  void a_callback_in_an_agent_hands_cannot_be_rescheduled() {
    Callback callback = scheduled();
    set(callback, "state", CallbackState.OFFERED);

    assertThatThrownBy(() -> callback.reschedule(at("2026-06-12T15:00:00Z"), clock, SUPERVISOR))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void rescheduling_an_owned_callback_recomputes_its_ownership_expiry() {
    Callback callback = owned();

    callback.reschedule(at("2026-06-12T15:00:00Z"), clock, SUPERVISOR);

    assertThat(callback.ownership().orElseThrow().expiresAt())
        .isEqualTo(Instant.parse("2026-06-13T15:00:00Z"));
  }

  @Test
  void rescheduling_an_owned_callback_beyond_max_schedule_ahead_is_refused() {
    Callback callback = owned();
    Instant expiry = callback.ownership().orElseThrow().expiresAt();

    assertThat(
            Violated.fields(
                () -> callback.reschedule(at("2026-06-13T08:01:00Z"), clock, SUPERVISOR)))
        .containsExactly("scheduledAt");
    assertThat(callback.time().instant()).isEqualTo(Instant.parse("2026-06-11T08:00:00Z"));
    assertThat(callback.ownership().orElseThrow().expiresAt()).isEqualTo(expiry);
  }

  @Test
  void move_to_queue_records_the_change_and_its_actor() {
    Callback callback = scheduled();

    callback.moveToQueue(plain, clock, SUPERVISOR);

    assertThat(callback.queue()).isSameAs(plain);
    assertThat(last(callback).event()).isEqualTo("QUEUE_CHANGED");
    assertThat(last(callback).actor()).isEqualTo(SUPERVISOR);
    assertThat(last(callback).detail()).contains("Owning").contains("Plain");
  }

  @Test
  void moving_to_the_queue_it_is_already_on_records_nothing() {
    Callback callback = scheduled();

    callback.moveToQueue(queue(1, "Owning"), clock, SUPERVISOR);

    assertThat(callback.history()).hasSize(1);
  }

  @Test
  void an_owned_callback_cannot_move_to_a_queue_without_owned_callbacks() {
    Callback callback = owned();

    assertThat(Violated.fields(() -> callback.moveToQueue(plain, clock, SUPERVISOR)))
        .containsExactly("queueId");
    assertThat(callback.queue()).isSameAs(owning);
  }

  @Test
  void an_owned_callback_may_move_to_another_queue_with_owned_callbacks() {
    Callback callback = owned();

    callback.moveToQueue(alsoOwning, clock, SUPERVISOR);

    assertThat(callback.queue()).isSameAs(alsoOwning);
    assertThat(callback.ownership()).isPresent();
  }

  @Test
  void a_released_callback_may_move_to_a_queue_without_owned_callbacks() {
    Callback callback = owned();

    callback.releaseOwnership(clock, SUPERVISOR);
    callback.moveToQueue(plain, clock, SUPERVISOR);

    assertThat(callback.queue()).isSameAs(plain);
  }

  @Test
  void a_canceled_callback_cannot_move() {
    Callback callback = scheduled();
    callback.cancel(clock, SUPERVISOR);

    assertThatThrownBy(() -> callback.moveToQueue(plain, clock, SUPERVISOR))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void assign_owner_gives_ownership_for_the_queue_period_and_records_it() {
    Callback callback = scheduled();

    callback.assignOwner(other, clock, SUPERVISOR);

    Ownership ownership = callback.ownership().orElseThrow();
    assertThat(ownership.isOwnedBy(other)).isTrue();
    assertThat(ownership.expiresAt()).isEqualTo(Instant.parse("2026-06-12T08:00:00Z"));
    assertThat(last(callback).event()).isEqualTo("OWNER_CHANGED");
    assertThat(last(callback).actor()).isEqualTo(SUPERVISOR);
  }

  @Test
  void assigning_the_current_owner_again_records_nothing() {
    Callback callback = owned();

    callback.assignOwner(agent(7, PARIS, clock), clock, SUPERVISOR);

    assertThat(callback.history()).hasSize(1);
  }

  @Test
  void assign_owner_is_refused_on_a_queue_without_owned_callbacks() {
    Callback callback = scheduled();
    callback.moveToQueue(plain, clock, SUPERVISOR);

    assertThat(Violated.fields(() -> callback.assignOwner(other, clock, SUPERVISOR)))
        .containsExactly("ownerAgentId");
    assertThat(callback.ownership()).isEmpty();
  }

  @Test
  void assign_owner_is_refused_when_the_callback_is_further_ahead_than_the_policy_allows() {
    Callback callback = scheduled();
    callback.reschedule(at("2026-06-14T08:00:00Z"), clock, SUPERVISOR); // 4 days ahead

    assertThat(Violated.fields(() -> callback.assignOwner(other, clock, SUPERVISOR)))
        .containsExactly("ownerAgentId");
  }

  @Test
  void release_ownership_records_it_and_is_silent_when_nobody_owns_it() {
    Callback callback = owned();

    callback.releaseOwnership(clock, SUPERVISOR);
    callback.releaseOwnership(clock, SUPERVISOR);

    assertThat(callback.ownership()).isEmpty();
    assertThat(callback.history())
        .extracting(HistoryEntry::event, HistoryEntry::actor)
        .containsExactly(tuple("SCHEDULED", "agent:7"), tuple("OWNERSHIP_RELEASED", SUPERVISOR));
  }

  @Test
  void cancel_ends_the_callback_and_records_who_canceled_it() {
    Callback callback = scheduled();
    clock.advance(Duration.ofMinutes(3));

    callback.cancel(clock, SUPERVISOR);

    assertThat(callback.state()).isEqualTo(CallbackState.CANCELED);
    assertThat(last(callback).event()).isEqualTo("CANCELED");
    assertThat(last(callback).actor()).isEqualTo(SUPERVISOR);
    assertThat(last(callback).at()).isEqualTo(clock.instant());
  }

  @ParameterizedTest
  @EnumSource(
      value = CallbackState.class,
      names = {"COMPLETED", "CANCELED", "EXPIRED", "FAILED"})
  void canceling_a_finished_callback_is_a_conflict_and_records_nothing(CallbackState terminal) {
    Callback callback = scheduled();
    set(callback, "state", terminal);

    assertThatThrownBy(() -> callback.cancel(clock, SUPERVISOR))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining(terminal.name());
    assertThat(callback.state()).isEqualTo(terminal);
    assertThat(callback.history()).hasSize(1);
  }

  @Test
  void ownership_changes_after_cancel_are_conflicts() {
    Callback callback = owned();
    callback.cancel(clock, SUPERVISOR);

    assertThatThrownBy(() -> callback.releaseOwnership(clock, SUPERVISOR))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> callback.assignOwner(other, clock, SUPERVISOR))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void a_change_on_the_version_the_client_read_goes_ahead() {
    Callback callback = scheduled();
    set(callback, "version", 4L);

    callback.requireVersion(Optional.of(4L));
    callback.requireVersion(Optional.empty()); // no If-Match: the version check alone guards
  }

  @Test
  void a_change_on_an_older_version_than_the_current_one_fails_its_precondition() {
    Callback callback = scheduled();
    set(callback, "version", 5L);

    assertThatThrownBy(() -> callback.requireVersion(Optional.of(4L)))
        .isInstanceOf(PreconditionFailed.class)
        .hasMessageContaining("version 4")
        .hasMessageContaining("version 5");
  }
}
