package dev.rappel.security.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenTest {
  private static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");
  private static final Instant EXPIRY = NOW.plus(Duration.ofDays(30));

  private static ApiToken expiring() {
    return new ApiToken(
        "dialer", Set.of(Scope.TELEPHONY), Set.of(), Optional.of(EXPIRY), "hash", NOW, "admin");
  }

  @Test
  void a_token_works_until_the_instant_before_its_expiry_and_not_at_it() {
    ApiToken token = expiring();

    assertThat(token.isActiveAt(EXPIRY.minusNanos(1))).isTrue();
    assertThat(token.isActiveAt(EXPIRY)).isFalse();
    assertThat(token.isActiveAt(EXPIRY.plusSeconds(1))).isFalse();
  }

  @Test
  void a_revoked_token_is_refused_before_its_expiry() {
    ApiToken token = expiring();

    token.revoke(NOW.plusSeconds(10));

    assertThat(token.isActiveAt(NOW.plusSeconds(10))).isFalse();
  }

  @Test
  void a_token_without_expiry_never_expires() {
    ApiToken token =
        new ApiToken(
            "crm", Set.of(Scope.CALLBACKS_READ), Set.of(), Optional.empty(), "h", NOW, "admin");

    assertThat(token.isActiveAt(NOW.plus(Duration.ofDays(3650)))).isTrue();
  }

  @Test
  void an_expiry_in_the_past_or_now_is_refused() {
    assertThatThrownBy(
            () ->
                new ApiToken(
                    "x", Set.of(Scope.TELEPHONY), Set.of(), Optional.of(NOW), "h", NOW, "admin"))
        .isInstanceOf(RuleViolation.class);
  }

  @Test
  void a_token_needs_a_scope_and_queue_limits_need_events_read() {
    assertThatThrownBy(
            () -> new ApiToken("x", Set.of(), Set.of(), Optional.empty(), "h", NOW, "admin"))
        .isInstanceOf(RuleViolation.class);
    assertThatThrownBy(
            () ->
                new ApiToken(
                    "x", Set.of(Scope.TELEPHONY), Set.of(3L), Optional.empty(), "h", NOW, "a"))
        .isInstanceOf(RuleViolation.class);
    ApiToken wallboard =
        new ApiToken(
            "wall", Set.of(Scope.EVENTS_READ), Set.of(3L, 1L), Optional.empty(), "h", NOW, "a");
    assertThat(wallboard.eventQueues()).containsExactly(1L, 3L);
  }

  @Test
  void the_old_integration_role_grants_create_read_and_interactions_but_not_outcomes() {
    ApiToken token = ApiToken.forRole("crm", Role.INTEGRATION, Optional.empty(), "h", NOW, "admin");

    assertThat(token.scopes())
        .containsExactlyInAnyOrder(
            Scope.CALLBACKS_CREATE, Scope.CALLBACKS_READ, Scope.INTERACTIONS_WRITE);
    assertThat(token.role()).contains(Role.INTEGRATION);
    assertThatThrownBy(() -> ApiToken.forRole("a", Role.AGENT, Optional.empty(), "h", NOW, "x"))
        .isInstanceOf(RuleViolation.class);
  }

  @Test
  void last_use_is_recorded_at_most_once_a_minute() {
    ApiToken token = expiring();

    assertThat(token.lastUseOutdatedAt(NOW)).as("never used").isTrue();
  }
}
