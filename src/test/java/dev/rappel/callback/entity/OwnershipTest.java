package dev.rappel.callback.entity;

import static dev.rappel.testing.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");
  private final Instant expiry = Instant.parse("2026-06-11T08:00:00Z");
  private final Ownership ownership = new Ownership(agent(7, null, clock), expiry);

  @Test
  void ownership_is_expired_at_the_exact_expiry_instant() {
    assertThat(ownership.isExpiredAt(expiry)).isTrue();
  }

  @Test
  void ownership_still_holds_a_nanosecond_before_expiry() {
    assertThat(ownership.isExpiredAt(expiry.minusNanos(1))).isFalse();
    assertThat(ownership.isExpiredAt(expiry.plusSeconds(1))).isTrue();
  }

  @Test
  void ownership_belongs_to_the_agent_with_the_same_id() {
    assertThat(ownership.isOwnedBy(agent(7, null, clock))).isTrue();
    assertThat(ownership.isOwnedBy(agent(8, null, clock))).isFalse();
  }
}
