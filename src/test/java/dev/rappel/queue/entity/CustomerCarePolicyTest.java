package dev.rappel.queue.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rappel.platform.entity.RuleViolation;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerCarePolicyTest {
  private static final Instant END = Instant.parse("2026-06-10T11:00:00Z");

  @Test
  void a_queue_notifies_the_agent_and_alerts_owners_an_hour_ahead_by_default() {
    CustomerCarePolicy defaults = CallbackSettings.defaults().customerCare();

    assertThat(defaults.onInboundContact()).isEqualTo(InboundContactAction.NOTIFY);
    assertThat(defaults.ownershipAlertMinutes()).isEqualTo(60);
    assertThat(defaults.ownershipAlertAt(END)).contains(Instant.parse("2026-06-10T10:00:00Z"));
  }

  @Test
  void a_missing_action_is_notify() {
    assertThat(new CustomerCarePolicy(null, 5).onInboundContact())
        .isEqualTo(InboundContactAction.NOTIFY);
  }

  @Test
  void zero_minutes_turns_ownership_alerts_off() {
    assertThat(new CustomerCarePolicy(InboundContactAction.KEEP, 0).ownershipAlertAt(END))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1441})
  void alert_minutes_outside_zero_to_a_day_are_refused_naming_the_field(int minutes) {
    RuleViolation refused =
        catchThrowableOfType(
            RuleViolation.class,
            () -> new CustomerCarePolicy(InboundContactAction.CANCEL, minutes));

    assertThat(refused.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("callbackSettings.ownershipAlertMinutes"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1440})
  void alert_minutes_from_zero_to_a_day_are_accepted(int minutes) {
    assertThat(new CustomerCarePolicy(InboundContactAction.CANCEL, minutes).ownershipAlertMinutes())
        .isEqualTo(minutes);
  }
}
