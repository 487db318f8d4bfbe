package dev.rappel.callback.entity;

import static dev.rappel.testing.DeliveryFixtures.DUE;
import static dev.rappel.testing.DeliveryFixtures.available;
import static dev.rappel.testing.DeliveryFixtures.events;
import static dev.rappel.testing.DeliveryFixtures.last;
import static dev.rappel.testing.DeliveryFixtures.ownedBy;
import static dev.rappel.testing.DeliveryFixtures.owningQueue;
import static dev.rappel.testing.DeliveryFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.queue.entity.CustomerCarePolicy;
import dev.rappel.queue.entity.InboundContactAction;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.DeliveryFixtures;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The owner's alert before its ownership ends, and what the owner does then. */
class CallbackOwnershipAlertTest {
  private final MutableClock clock = DeliveryFixtures.clock();
  private final Agent owner = available(7, clock);
  private final Agent other = available(8, clock);

  /** Owned 2 hours from its time (09:00): ownership ends at 11:00, the alert is due at 10:00. */
  private final Queue owning = owningQueue(1, 2, true);

  private final Instant end = DUE.plus(Duration.ofHours(2));
  private final Instant alertAt = end.minus(Duration.ofMinutes(60));

  private Callback owned() {
    return ownedBy(owner, owning, clock);
  }

  @Test
  void the_alert_is_due_the_queues_minutes_before_the_ownership_ends() {
    assertThat(owned().ownershipAlertAt()).contains(alertAt);
  }

  @Test
  void the_owner_is_not_alerted_one_millisecond_before_the_alert_instant() {
    Callback callback = owned();
    clock.set(alertAt.minusMillis(1));

    assertThat(callback.alertOwnerIfDue(clock)).isFalse();
    assertThat(callback.isOwnerAlerted()).isFalse();
    assertThat(events(callback)).doesNotContain("OWNERSHIP_EXPIRING");
  }

  @Test
  void the_owner_is_alerted_at_exactly_the_alert_instant_by_the_system() {
    Callback callback = owned();
    clock.set(alertAt);

    assertThat(callback.alertOwnerIfDue(clock)).isTrue();

    HistoryEntry alert = last(callback);
    assertThat(alert.event()).isEqualTo("OWNERSHIP_EXPIRING");
    assertThat(alert.actor()).isEqualTo(Callback.SYSTEM);
    assertThat(alert.at()).isEqualTo(alertAt);
    assertThat(alert.detail()).contains("agent 7").contains(end.toString()).contains("60 min");
    assertThat(callback.isOwnerAlerted()).isTrue();
    assertThat(callback.ownership()).isPresent(); // a warning, not an end
  }

  @Test
  void the_owner_is_alerted_once_per_ownership_period() {
    Callback callback = owned();
    clock.set(alertAt);
    callback.alertOwnerIfDue(clock);
    clock.advance(Duration.ofMinutes(10));

    assertThat(callback.alertOwnerIfDue(clock)).isFalse();
    assertThat(events(callback).stream().filter("OWNERSHIP_EXPIRING"::equals)).hasSize(1);
  }

  @Test
  void no_alert_once_the_ownership_ended_or_an_agent_is_handling_the_callback() {
    Callback ended = owned();
    Callback offered = owned();
    clock.set(end);
    assertThat(ended.alertOwnerIfDue(clock)).isFalse();

    clock.set(DUE);
    offered.markDue(clock);
    offered.offerTo(owner, clock);
    clock.set(alertAt);
    assertThat(offered.alertOwnerIfDue(clock)).isFalse();
  }

  @Test
  void a_queue_with_alerts_off_never_alerts() {
    Queue quiet = owningQueue(2, 2, true);
    quiet.settings().withCustomerCare(new CustomerCarePolicy(InboundContactAction.NOTIFY, 0));
    Callback callback = ownedBy(owner, quiet, clock);
    clock.set(end.minusMillis(1));

    assertThat(callback.ownershipAlertAt()).isEmpty();
    assertThat(callback.alertOwnerIfDue(clock)).isFalse();
  }

  @Test
  void extending_gives_a_new_period_of_the_policys_hours_from_now_with_a_new_alert() {
    Callback callback = owned();
    clock.set(alertAt);
    callback.alertOwnerIfDue(clock);

    callback.extendOwnership(clock, "agent:7");

    Instant newEnd = alertAt.plus(Duration.ofHours(2));
    assertThat(callback.ownership().orElseThrow().expiresAt()).isEqualTo(newEnd);
    assertThat(last(callback).event()).isEqualTo("OWNERSHIP_EXTENDED");
    assertThat(last(callback).actor()).isEqualTo("agent:7");
    assertThat(callback.isOwnerAlerted()).isFalse();
    assertThat(callback.ownershipAlertAt()).contains(newEnd.minus(Duration.ofMinutes(60)));

    clock.set(newEnd.minus(Duration.ofMinutes(60)));
    assertThat(callback.alertOwnerIfDue(clock)).isTrue(); // the new period has its own alert
  }

  @Test
  void an_extension_that_would_not_end_later_is_refused() {
    Callback callback = owned(); // ends at 11:00; now is 08:00, so now + 2 h is earlier

    assertThatThrownBy(() -> callback.extendOwnership(clock, "agent:7"))
        .isInstanceOf(RuleViolation.class)
        .hasMessageContaining("already runs until");
    assertThat(callback.ownership().orElseThrow().expiresAt()).isEqualTo(end);
  }

  @Test
  void a_callback_nobody_owns_has_no_ownership_to_extend() {
    Callback callback = scheduled(owning, clock);

    assertThatThrownBy(() -> callback.extendOwnership(clock, "anna")).isInstanceOf(Conflict.class);
  }

  @Test
  void releasing_ends_the_period_and_its_alert() {
    Callback callback = owned();
    callback.releaseOwnership(clock, "agent:7");
    clock.set(alertAt);

    assertThat(callback.ownershipAlertAt()).isEmpty();
    assertThat(callback.alertOwnerIfDue(clock)).isFalse();
    assertThat(last(callback).event()).isEqualTo("OWNERSHIP_RELEASED");
  }

  @Test
  void only_the_owner_or_a_supervisor_manages_the_ownership() {
    Callback callback = owned();
    Caller ownerCaller = new Caller("agent:7", Set.of(Role.AGENT), Optional.of(owner.id()));
    Caller otherCaller = new Caller("agent:8", Set.of(Role.AGENT), Optional.of(other.id()));
    Caller supervisor = new Caller("anna", Set.of(Role.SUPERVISOR), Optional.empty());

    callback.requireOwnershipManageableBy(ownerCaller);
    callback.requireOwnershipManageableBy(supervisor);
    assertThatThrownBy(() -> callback.requireOwnershipManageableBy(otherCaller))
        .isInstanceOf(Forbidden.class);
  }
}
