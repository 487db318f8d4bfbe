package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookLeaseTest {
  private static final Duration LENGTH = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z", "UTC");

  private final WebhookLease lease = new WebhookLease(WebhookLease.SENDER);

  @Test
  void a_free_lease_is_taken_for_its_length() {
    assertThat(lease.claim("a", clock.instant(), LENGTH)).isTrue();

    assertThat(lease.holder()).contains("a");
    assertThat(lease.heldUntil()).isEqualTo(Instant.parse("2026-11-30T10:00:30Z"));
  }

  @Test
  void another_instance_takes_a_lease_its_holder_stopped_renewing_at_the_exact_instant_it_ends() {
    lease.claim("crashed", clock.instant(), LENGTH);

    clock.advance(LENGTH.minusMillis(1));
    assertThat(lease.claim("b", clock.instant(), LENGTH)).isFalse();
    assertThat(lease.holder()).contains("crashed");

    clock.advance(Duration.ofMillis(1));
    assertThat(lease.claim("b", clock.instant(), LENGTH)).isTrue();
    assertThat(lease.holder()).contains("b");
    assertThat(lease.heldUntil()).isEqualTo(clock.instant().plus(LENGTH));
  }

  @Test
  void the_holder_renews_its_lease_and_keeps_others_out_for_a_full_length_from_then() {
    lease.claim("a", clock.instant(), LENGTH);
    clock.advance(Duration.ofSeconds(20));

    assertThat(lease.claim("a", clock.instant(), LENGTH)).isTrue();

    clock.advance(Duration.ofSeconds(20)); // past the first end, before the renewed one
    assertThat(lease.claim("b", clock.instant(), LENGTH)).isFalse();
  }

  @Test
  void a_holder_that_lost_its_lease_cannot_renew_it_while_the_new_holder_holds_it() {
    lease.claim("a", clock.instant(), LENGTH);
    clock.advance(LENGTH);
    lease.claim("b", clock.instant(), LENGTH);

    assertThat(lease.claim("a", clock.instant().plusSeconds(1), LENGTH)).isFalse();
    assertThat(lease.holder()).contains("b");
  }

  @Test
  void a_holder_frozen_past_its_lease_no_longer_holds_it_when_it_wakes() {
    lease.claim("frozen", clock.instant(), LENGTH);
    assertThat(lease.isHeldBy("frozen", clock.instant())).isTrue();

    clock.advance(LENGTH);

    assertThat(lease.isHeldBy("frozen", clock.instant())).as("ran out, exactly then").isFalse();
    lease.claim("other", clock.instant(), LENGTH);
    assertThat(lease.isHeldBy("frozen", clock.instant())).isFalse();
    assertThat(lease.isHeldBy("other", clock.instant())).isTrue();
  }
}
