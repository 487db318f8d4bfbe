package dev.rappel.queue.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Violated;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A queue's offerTimeoutSeconds (10 to 600) and maxCallMinutes (5 to 1440), at their bounds. */
class TimeLimitsTest {

  @ParameterizedTest
  @ValueSource(ints = {10, 600})
  void an_offer_timeout_of_ten_seconds_to_ten_minutes_is_accepted(int seconds) {
    assertThat(new TimeLimits(seconds, 240).offerTimeout()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(ints = {9, 601, 0, -30})
  void an_offer_timeout_outside_ten_seconds_to_ten_minutes_is_refused(int seconds) {
    assertThat(Violated.fields(() -> new TimeLimits(seconds, 240)))
        .containsExactly("callbackSettings.offerTimeoutSeconds");
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 1440})
  void a_call_limit_of_five_minutes_to_one_day_is_accepted(int minutes) {
    assertThat(new TimeLimits(30, minutes).maxCall()).isEqualTo(Duration.ofMinutes(minutes));
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 1441, 0})
  void a_call_limit_outside_five_minutes_to_one_day_is_refused(int minutes) {
    assertThat(Violated.fields(() -> new TimeLimits(30, minutes)))
        .containsExactly("callbackSettings.maxCallMinutes");
  }

  @Test
  void both_limits_out_of_range_are_refused_together() {
    assertThat(Violated.fields(() -> new TimeLimits(5, 2000)))
        .containsExactly("callbackSettings.offerTimeoutSeconds", "callbackSettings.maxCallMinutes");
  }

  @Test
  void by_default_an_offer_waits_thirty_seconds_and_a_call_lasts_at_most_four_hours() {
    TimeLimits defaults = TimeLimits.defaults();

    assertThat(defaults.offerTimeoutSeconds()).isEqualTo(30);
    assertThat(defaults.maxCallMinutes()).isEqualTo(240);
    assertThat(CallbackSettings.defaults().timeLimits().offerTimeout())
        .isEqualTo(Duration.ofSeconds(30));
  }
}
