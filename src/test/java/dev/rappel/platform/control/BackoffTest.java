package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static List<Long> seconds(Backoff backoff, int tries) {
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      waits.add(backoff.next().toSeconds());
    }
    return waits;
  }

  @Test
  void waits_double_from_one_second_up_to_thirty() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(seconds(backoff, 8)).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void after_a_success_the_waits_start_again_from_the_first() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    seconds(backoff, 4);

    backoff.reset();

    assertThat(seconds(backoff, 2)).containsExactly(1L, 2L);
  }
}
