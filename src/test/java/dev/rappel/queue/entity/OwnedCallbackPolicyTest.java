package dev.rappel.queue.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.platform.entity.FieldError;
import dev.rappel.testing.Violated;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnedCallbackPolicyTest {
  private static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {1, 720})
  void one_hour_and_thirty_days_are_accepted_for_both_limits(int hours) {
    OwnedCallbackPolicy policy = new OwnedCallbackPolicy(true, hours, hours, false);

    assertThat(policy.maxScheduleAheadHours()).isEqualTo(hours);
    assertThat(policy.ownershipHours()).isEqualTo(hours);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 721, -1})
  void max_schedule_ahead_outside_one_to_seven_hundred_twenty_hours_is_refused(int hours) {
    FieldError error = Violated.single(() -> new OwnedCallbackPolicy(true, hours, 168, true));

    assertThat(error.field()).isEqualTo("callbackSettings.ownedCallbacks.maxScheduleAheadHours");
    assertThat(error.message()).contains("was " + hours);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 721})
  void ownership_hours_outside_one_to_seven_hundred_twenty_hours_are_refused(int hours) {
    assertThat(Violated.fields(() -> new OwnedCallbackPolicy(true, 720, hours, true)))
        .containsExactly("callbackSettings.ownedCallbacks.ownershipHours");
  }

  @Test
  void the_defaults_are_disabled_thirty_days_ahead_a_week_of_ownership_then_the_queue() {
    OwnedCallbackPolicy defaults = OwnedCallbackPolicy.defaults();

    assertThat(defaults.isEnabled()).isFalse();
    assertThat(defaults.maxScheduleAheadHours()).isEqualTo(720);
    assertThat(defaults.ownershipHours()).isEqualTo(168);
    assertThat(defaults.assignToQueueOnExpiry()).isTrue();
  }

  @Test
  void a_disabled_policy_refuses_ownership_on_the_given_field() {
    OwnedCallbackPolicy disabled = new OwnedCallbackPolicy(false, 720, 168, true);

    assertThat(Violated.fields(() -> disabled.ownershipExpiry(NOW, NOW, "takeOwnership")))
        .containsExactly("takeOwnership");
  }

  @Test
  void ownership_exactly_max_ahead_is_accepted_and_lasts_ownership_hours_from_the_scheduled_time() {
    OwnedCallbackPolicy policy = new OwnedCallbackPolicy(true, 36, 5, true);
    Instant scheduledAt = NOW.plus(Duration.ofHours(36));

    assertThat(policy.ownershipExpiry(scheduledAt, NOW, "takeOwnership"))
        .isEqualTo(scheduledAt.plus(Duration.ofHours(5)));
  }

  @Test
  void ownership_one_second_beyond_max_ahead_is_refused_with_the_limit_in_words() {
    OwnedCallbackPolicy hours = new OwnedCallbackPolicy(true, 36, 5, true);
    OwnedCallbackPolicy days = new OwnedCallbackPolicy(true, 48, 5, true);

    FieldError inHours =
        Violated.single(
            () -> hours.ownershipExpiry(NOW.plus(Duration.ofHours(36)).plusSeconds(1), NOW, "f"));
    FieldError inDays =
        Violated.single(
            () -> days.ownershipExpiry(NOW.plus(Duration.ofHours(48)).plusSeconds(1), NOW, "f"));

    assertThat(inHours.message()).contains("36 hours");
    assertThat(inDays.message()).contains("2 days");
  }
}
