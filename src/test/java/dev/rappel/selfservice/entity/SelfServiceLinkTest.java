package dev.rappel.selfservice.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelfServiceLinkTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void a_token_carries_256_random_bits_url_safe() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String value = LinkToken.random(RANDOM).value();
      assertThat(value).matches("[A-Za-z0-9_-]{43}");
      seen.add(value);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void only_the_tokens_sha_256_is_kept_and_its_text_never_shows_it() {
    LinkToken token = LinkToken.random(RANDOM);
    SelfServiceLink link =
        SelfServiceLink.issue(
            7, token, Instant.parse("2026-12-01T10:00:00Z"), Duration.ofDays(30), "admin");
    assertThat(token.hash()).hasSize(64).matches("[0-9a-f]+").doesNotContain(token.value());
    assertThat(LinkToken.parse(token.value()).orElseThrow().hash()).isEqualTo(token.hash());
    assertThat(token.toString()).doesNotContain(token.value());
    assertThat(link.callbackId()).isEqualTo(7);
  }

  @Test
  void what_cannot_be_a_token_is_not_looked_up() {
    assertThat(LinkToken.parse(null)).isEmpty();
    assertThat(LinkToken.parse("12")).isEmpty();
    assertThat(LinkToken.parse("A".repeat(42) + "=")).isEmpty();
    assertThat(LinkToken.parse("A".repeat(44))).isEmpty();
    assertThat(LinkToken.parse("A".repeat(43))).isPresent();
  }

  @Test
  void a_link_opens_until_it_expires() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    SelfServiceLink link =
        SelfServiceLink.issue(
            1, LinkToken.random(RANDOM), clock.instant(), Duration.ofDays(30), "admin");
    assertThat(link.expiresAt()).isEqualTo(Instant.parse("2026-12-31T10:00:00Z"));
    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertThat(link.opensAt(clock.instant())).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(link.opensAt(clock.instant())).isFalse();
  }

  @Test
  void a_revoked_link_opens_nothing_and_keeps_when_it_was_revoked() {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    SelfServiceLink link =
        SelfServiceLink.issue(1, LinkToken.random(RANDOM), now, Duration.ofDays(30), "admin");
    link.revoke(now.plusSeconds(60));
    link.revoke(now.plusSeconds(120));
    assertThat(link.opensAt(now.plusSeconds(90))).isFalse();
    assertThat(link.revokedAt()).contains(now.plusSeconds(60));
  }
}
