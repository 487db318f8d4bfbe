package dev.rappel.callback.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.RuleViolation;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackFilterTest {
  private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

  private static CallbackFilter between(Instant from, Instant to) {
    return new CallbackFilter(
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(from),
        Optional.of(to),
        Optional.empty());
  }

  @Test
  void a_time_range_ending_where_it_starts_is_refused_on_its_end() {
    assertThatThrownBy(() -> between(NINE, NINE))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            refused ->
                assertThat(refused.errors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.field()).isEqualTo("to")));
  }

  @Test
  void a_time_range_ending_before_it_starts_is_refused() {
    assertThatThrownBy(() -> between(NINE, NINE.minusMillis(1))).isInstanceOf(RuleViolation.class);
  }

  @Test
  void a_time_range_of_one_millisecond_is_a_range() {
    assertThat(between(NINE, NINE.plusMillis(1)).to()).contains(NINE.plusMillis(1));
  }

  @Test
  void the_filter_in_force_survives_the_sessions_serialization() {
    CallbackFilter filter =
        new CallbackFilter(
            java.util.EnumSet.of(dev.rappel.callback.entity.CallbackState.SCHEDULED),
            Optional.of(3L),
            Optional.empty(),
            Optional.of(NINE),
            Optional.empty(),
            Optional.of("+331"));

    assertThat(dev.rappel.testing.Serialized.roundTrip(filter)).isEqualTo(filter);
    assertThat(dev.rappel.testing.Serialized.roundTrip(CallbackFilter.all()))
        .isEqualTo(CallbackFilter.all());
  }
}
