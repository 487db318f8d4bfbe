package dev.rappel.queue.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.testing.Violated;
import org.junit.jupiter.api.Test;

/** Queue settings as the API and the admin console send them: every bad field reported at once. */
class QueueInputTest {

  @Test
  void time_limits_given_are_taken() {
    QueueInput.SettingsInput in = new QueueInput.SettingsInput();
    in.offerTimeoutSeconds = 10;
    in.maxCallMinutes = 1440;

    CallbackSettings settings = QueueInput.settings(in);

    assertThat(settings.timeLimits().offerTimeoutSeconds()).isEqualTo(10);
    assertThat(settings.timeLimits().maxCallMinutes()).isEqualTo(1440);
  }

  @Test
  void missing_time_limits_take_the_defaults() {
    CallbackSettings settings = QueueInput.settings(new QueueInput.SettingsInput());

    assertThat(settings.timeLimits().offerTimeoutSeconds()).isEqualTo(30);
    assertThat(settings.timeLimits().maxCallMinutes()).isEqualTo(240);
  }

  @Test
  void time_limits_and_other_settings_out_of_range_are_refused_field_by_field() {
    QueueInput.SettingsInput in = new QueueInput.SettingsInput();
    in.offerTimeoutSeconds = 9;
    in.maxCallMinutes = 1441;
    in.maxRetryCount = 11;
    in.retryDelaySeconds = 29;

    assertThat(Violated.fields(() -> QueueInput.settings(in)))
        .containsExactlyInAnyOrder(
            "callbackSettings.offerTimeoutSeconds",
            "callbackSettings.maxCallMinutes",
            "callbackSettings.maxRetryCount",
            "callbackSettings.retryDelaySeconds");
  }
}
