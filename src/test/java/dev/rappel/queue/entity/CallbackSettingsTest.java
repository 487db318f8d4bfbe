package dev.rappel.queue.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Violated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackSettingsTest {

  private static CallbackSettings withRetries(int count, int delaySeconds) {
    return new CallbackSettings(CallbackMode.CUSTOMER_FIRST, false, null, count, delaySeconds);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10})
  void zero_to_ten_retries_are_accepted(int count) {
    assertThat(withRetries(count, 300).maxRetryCount()).isEqualTo(count);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 11})
  void a_retry_count_outside_zero_to_ten_is_refused(int count) {
    assertThat(Violated.fields(() -> withRetries(count, 300)))
        .containsExactly("callbackSettings.maxRetryCount");
  }

  @ParameterizedTest
  @ValueSource(ints = {30, 86_400})
  void a_retry_delay_of_thirty_seconds_to_one_day_is_accepted(int delay) {
    assertThat(withRetries(3, delay).retryDelaySeconds()).isEqualTo(delay);
  }

  @ParameterizedTest
  @ValueSource(ints = {29, 86_401, 0})
  void a_retry_delay_outside_thirty_seconds_to_one_day_is_refused(int delay) {
    assertThat(Violated.fields(() -> withRetries(3, delay)))
        .containsExactly("callbackSettings.retryDelaySeconds");
  }

  @Test
  void every_retry_setting_out_of_range_is_refused_at_once() {
    assertThat(Violated.fields(() -> withRetries(11, 29)))
        .containsExactly("callbackSettings.maxRetryCount", "callbackSettings.retryDelaySeconds");
  }

  @Test
  void the_defaults_are_those_of_the_product() {
    CallbackSettings defaults = CallbackSettings.defaults();

    assertThat(defaults.mode()).isEqualTo(CallbackMode.AGENT_FIRST);
    assertThat(defaults.allowsAgentQueueSelection()).isFalse();
    assertThat(defaults.ownedCallbacks().isEnabled()).isFalse();
    assertThat(defaults.maxRetryCount()).isEqualTo(3);
    assertThat(defaults.retryDelaySeconds()).isEqualTo(300);
    assertThat(defaults.timeLimits().offerTimeoutSeconds()).isEqualTo(30);
    assertThat(defaults.timeLimits().maxCallMinutes()).isEqualTo(240);
  }

  @Test
  void a_missing_mode_or_ownership_policy_takes_the_default() {
    CallbackSettings settings = new CallbackSettings(null, true, null, 3, 300);

    assertThat(settings.mode()).isEqualTo(CallbackMode.AGENT_FIRST);
    assertThat(settings.ownedCallbacks().maxScheduleAheadHours()).isEqualTo(720);
    assertThat(settings.allowsAgentQueueSelection()).isTrue();
  }
}
