package dev.rappel.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rappel.platform.entity.IdempotencyRecord.StoredAnswer;
import dev.rappel.platform.entity.IdempotencyRecord.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyRecordTest {
  private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
  private static final StoredAnswer ANSWER =
      new StoredAnswer(201, "{\"id\":7}", Optional.of("http://x/7"), Optional.of("1"));

  private static IdempotencyRecord answered() {
    return new IdempotencyRecord("h1", CREATED, Optional.of(ANSWER));
  }

  @Test
  void the_same_request_within_a_day_gets_the_first_answer_again() {
    assertThat(answered().verdictFor("h1", CREATED.plus(Duration.ofHours(23))))
        .isEqualTo(Verdict.REPLAY);
  }

  @Test
  void another_request_with_the_key_is_refused() {
    assertThat(answered().verdictFor("h2", CREATED.plusSeconds(1)))
        .isEqualTo(Verdict.OTHER_REQUEST);
  }

  @Test
  void after_a_day_the_key_is_free_again() {
    assertThat(answered().verdictFor("h2", CREATED.plus(IdempotencyRecord.LIFETIME)))
        .isEqualTo(Verdict.FREE);
  }

  @Test
  void a_claim_without_answer_is_in_flight_until_it_is_abandoned() {
    var claim = new IdempotencyRecord("h1", CREATED, Optional.empty());

    assertThat(claim.verdictFor("h1", CREATED.plusSeconds(5))).isEqualTo(Verdict.IN_FLIGHT);
    assertThat(claim.verdictFor("h2", CREATED.plusSeconds(5))).isEqualTo(Verdict.IN_FLIGHT);
    assertThat(claim.verdictFor("h1", CREATED.plus(IdempotencyRecord.ABANDONED_AFTER)))
        .isEqualTo(Verdict.FREE);
  }

  @Test
  void a_key_is_optional_unquoted_and_bounded() {
    assertThat(IdempotencyRecord.key(null)).isEmpty();
    assertThat(IdempotencyRecord.key("\"8e03978e-40d5\"")).contains("8e03978e-40d5");
    assertThat(IdempotencyRecord.key(" abc ")).contains("abc");
    RuleViolation blank = assertThrows(RuleViolation.class, () -> IdempotencyRecord.key("  "));
    assertThat(blank.unreadable()).isTrue();
    assertThat(blank.errors().get(0).field()).isEqualTo("Idempotency-Key");
    assertThrows(RuleViolation.class, () -> IdempotencyRecord.key("k".repeat(256)));
  }
}
