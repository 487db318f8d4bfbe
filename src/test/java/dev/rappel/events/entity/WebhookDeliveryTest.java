package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

  private static List<Long> newestFirst(long count) {
    return LongStream.rangeClosed(1, count).map(i -> 1000 - i).boxed().toList();
  }

  @Test
  void a_log_of_at_most_a_hundred_tries_is_not_trimmed() {
    assertThat(WebhookDelivery.oldestKept(newestFirst(0))).isEmpty();
    assertThat(WebhookDelivery.oldestKept(newestFirst(100))).isEmpty();
  }

  @Test
  void past_a_hundred_tries_everything_older_than_the_hundredth_newest_goes() {
    List<Long> ids = newestFirst(101);

    assertThat(WebhookDelivery.oldestKept(ids)).contains(ids.get(99));
    assertThat(ids.stream().filter(id -> id >= ids.get(99)).count()).isEqualTo(100);
  }

  @Test
  void a_result_says_what_failed_by_status_or_error() {
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
    DeliveryResult refused =
        new DeliveryResult("cb-1-1", at, Optional.of(500), Optional.empty(), 12);
    DeliveryResult unreachable =
        new DeliveryResult("cb-1-1", at, Optional.empty(), Optional.of("connection refused"), 3);
    DeliveryResult taken = new DeliveryResult("cb-1-1", at, Optional.of(204), Optional.empty(), 5);

    assertThat(refused.delivered()).isFalse();
    assertThat(refused.failure()).isEqualTo("HTTP 500");
    assertThat(unreachable.failure()).isEqualTo("connection refused");
    assertThat(taken.delivered()).isTrue();
  }
}
