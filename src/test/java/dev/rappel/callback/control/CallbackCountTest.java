package dev.rappel.callback.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.callback.control.CallbackSearch.Count;
import org.junit.jupiter.api.Test;

class CallbackCountTest {

  @Test
  void a_count_within_the_limit_is_exact() {
    assertThat(Count.of(0, 10_000)).isEqualTo(new Count(0, true));
    assertThat(Count.of(10_000, 10_000)).isEqualTo(new Count(10_000, true));
  }

  @Test
  void a_count_past_the_limit_says_at_least_the_limit() {
    assertThat(Count.of(10_001, 10_000)).isEqualTo(new Count(10_000, false));
  }
}
