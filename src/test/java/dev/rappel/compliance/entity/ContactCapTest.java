package dev.rappel.compliance.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactCapTest {
  final ContactCap twoInSevenDays = new ContactCap(2, 7);
  final Instant first = Instant.parse("2026-12-01T10:00:00Z");
  final Instant second = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void an_attempt_leaves_the_window_exactly_its_length_after_it_was_made() {
    MutableClock clock =
        new MutableClock(first.plus(Duration.ofDays(7)).minusMillis(1), ZoneId.of("UTC"));
    List<Instant> attempts = List.of(first, second);
    assertThat(twoInSevenDays.allowsAnotherAt(clock.instant(), attempts)).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(twoInSevenDays.allowsAnotherAt(clock.instant(), attempts)).isTrue();
    assertThat(twoInSevenDays.firstAllowedAtOrAfter(second, attempts))
        .isEqualTo(first.plus(Duration.ofDays(7)));
  }

  @Test
  void below_the_cap_a_dial_goes_ahead_at_once() {
    assertThat(twoInSevenDays.firstAllowedAtOrAfter(second, List.of(first))).isEqualTo(second);
  }

  @Test
  void a_deferral_also_waits_for_the_calling_hours() {
    ContactPolicy policy =
        new ContactPolicy(
            Optional.of(CallingHours.everyDay(LocalTime.of(8, 0), LocalTime.of(21, 0))),
            false,
            Optional.of(twoInSevenDays));
    Destination utc = new Destination(List.of(ZoneId.of("UTC")), "given");
    List<Instant> attempts = List.of(Instant.parse("2026-12-01T22:00:00Z"), second);
    // the first attempt leaves the window at 22:00 on the 8th, after the hours: next day 08:00
    Verdict verdict = policy.check(second.plusSeconds(60), utc, false, Optional.empty(), attempts);
    assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.DEFERRED);
    assertThat(verdict.until()).contains(Instant.parse("2026-12-09T08:00:00Z"));
  }

  @Test
  void a_listed_number_is_canceled_whatever_the_hours() {
    ContactPolicy policy = ContactPolicy.none();
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    DncEntry entry =
        new DncEntry(
            dev.rappel.phone.entity.PhoneNumber.parse(
                "01 42 68 53 00", Optional.of("FR"), "phoneNumber"),
            Optional.of("asked"),
            Optional.empty(),
            now.minusSeconds(60),
            "supervisor");
    assertThat(entry.phoneNumber()).isEqualTo("+33142685300");
    Verdict verdict =
        policy.check(
            now,
            new Destination(List.of(ZoneId.of("UTC")), "given"),
            false,
            Optional.of(entry),
            List.of());
    assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.CANCELED);
  }

  @Test
  void a_listing_stops_applying_exactly_at_its_expiry() {
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    DncEntry entry =
        new DncEntry(
            new dev.rappel.phone.entity.PhoneNumber("+33142685300"),
            Optional.empty(),
            Optional.of(now.plusSeconds(3600)),
            now,
            "supervisor");
    assertThat(entry.appliesAt(now.plusSeconds(3599))).isTrue();
    assertThat(entry.appliesAt(now.plusSeconds(3600))).isFalse();
  }

  @Test
  void a_cap_outside_its_ranges_is_refused_naming_the_field() {
    assertThatThrownBy(() -> new ContactCap(0, 400))
        .isInstanceOf(RuleViolation.class)
        .satisfies(
            e ->
                assertThat(((RuleViolation) e).errors())
                    .extracting(f -> f.field())
                    .containsExactly(
                        "callbackSettings.contactCap.maxAttempts",
                        "callbackSettings.contactCap.perDays"));
  }
}
