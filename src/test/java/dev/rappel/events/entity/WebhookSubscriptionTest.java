package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionTest {
  private static final Duration DISABLE_AFTER = Duration.ofHours(72);
  private static final String SECRET = "whsec_QDGe/Z9slBCwZEq3E0cmZxTlBSp/R3Conu9pkTliiaM=";

  private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z", "UTC");

  private final WebhookSubscription subscription =
      new WebhookSubscription(
          "https://hooks.example.com/in", EventFilter.ALL, SECRET, clock.instant(), "admin");

  @Test
  void a_subscription_failing_without_success_is_disabled_at_the_exact_end_of_the_hours() {
    assertThat(subscription.failed(clock.instant(), "HTTP 500", DISABLE_AFTER)).isFalse();

    clock.advance(DISABLE_AFTER.minusMillis(1));
    assertThat(subscription.failed(clock.instant(), "HTTP 502", DISABLE_AFTER)).isFalse();
    assertThat(subscription.isEnabled()).isTrue();

    clock.advance(Duration.ofMillis(1));
    assertThat(subscription.failed(clock.instant(), "HTTP 503", DISABLE_AFTER)).isTrue();

    assertThat(subscription.isEnabled()).isFalse();
    assertThat(subscription.disabledAt()).contains(clock.instant());
    assertThat(subscription.disabledReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("failing since 2026-11-30T10:00:00Z")
                    .contains("72 hours")
                    .endsWith("last HTTP 503"));
  }

  @Test
  void a_success_ends_the_failing_so_the_hours_count_again_from_the_next_failure() {
    subscription.failed(clock.instant(), "HTTP 500", DISABLE_AFTER);
    clock.advance(Duration.ofHours(71));
    subscription.succeeded(clock.instant());
    assertThat(subscription.failingSince()).isEmpty();

    clock.advance(Duration.ofHours(2));
    assertThat(subscription.failed(clock.instant(), "HTTP 500", DISABLE_AFTER)).isFalse();
    assertThat(subscription.failingSince()).contains(clock.instant());
    assertThat(subscription.isEnabled()).isTrue();
  }

  @Test
  void a_disabled_subscription_is_not_disabled_again_and_enabling_starts_afresh() {
    subscription.failed(clock.instant(), "HTTP 500", DISABLE_AFTER);
    clock.advance(DISABLE_AFTER);
    subscription.failed(clock.instant(), "unreachable", DISABLE_AFTER);
    subscription.droppedPending(4);
    assertThat(subscription.disabledReason())
        .hasValueSatisfying(r -> assertThat(r).endsWith("4 pending events dropped"));

    assertThat(subscription.failed(clock.instant(), "HTTP 500", DISABLE_AFTER)).isFalse();

    subscription.enable();
    assertThat(subscription.isEnabled()).isTrue();
    assertThat(subscription.disabledReason()).isEmpty();
    assertThat(subscription.failingSince()).isEmpty();
    assertThat(subscription.failed(clock.instant(), "HTTP 500", DISABLE_AFTER)).isFalse();
  }

  @Test
  void a_subscription_needs_an_http_url() {
    assertThatThrownBy(
            () ->
                new WebhookSubscription(
                    "ftp://example.com", EventFilter.ALL, SECRET, clock.instant(), "admin"))
        .isInstanceOfSatisfying(
            RuleViolation.class, v -> assertThat(v.errors().get(0).field()).isEqualTo("url"));
  }
}
