package dev.rappel.callback.entity;

import static dev.rappel.testing.Fixtures.NEW_YORK;
import static dev.rappel.testing.Fixtures.PARIS;
import static dev.rappel.testing.Fixtures.TOKYO;
import static dev.rappel.testing.Fixtures.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.FieldError;
import dev.rappel.testing.MutableClock;
import dev.rappel.testing.Violated;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallbackTimeTest {

  private static CallbackTime agentInput(
      String date, String time, ZoneId zone, MutableClock clock) {
    return CallbackTime.fromAgentInput(
        Optional.ofNullable(date).map(LocalDate::parse),
        Optional.ofNullable(time).map(LocalTime::parse),
        zone,
        clock);
  }

  private static CallbackTime local(String localDateTime, ZoneId zone) {
    return CallbackTime.atLocal(LocalDateTime.parse(localDateTime), zone, "time");
  }

  @Nested
  class Defaults {

    @Test
    void without_date_or_time_it_is_now_plus_thirty_minutes_truncated_to_the_minute() {
      var clock = MutableClock.at("2026-06-10T08:10:42.123Z", "UTC");

      CallbackTime time = agentInput(null, null, PARIS, clock);

      assertThat(time.instant()).isEqualTo(Instant.parse("2026-06-10T08:40:00Z"));
      assertThat(time.zone()).isEqualTo(PARIS);
      assertThat(time.customerLocalTime())
          .isEqualTo(OffsetDateTime.parse("2026-06-10T10:40:00+02:00"));
    }

    @Test
    void at_a_quarter_to_midnight_the_default_rolls_over_to_tomorrow_a_quarter_past_midnight() {
      var clock = MutableClock.at("2026-06-10T21:45:00Z", "UTC"); // 23:45 in Paris

      CallbackTime time = agentInput(null, null, PARIS, clock);

      assertThat(time.customerLocalTime().toLocalDateTime())
          .isEqualTo(LocalDateTime.parse("2026-06-11T00:15"));
      assertThat(time.requireWithinWindow(clock, "time")).isSameAs(time);
    }

    @Test
    void midnight_roll_over_follows_the_customer_zone_not_the_server_zone() {
      // 03:45 UTC on the 11th is 23:45 on the 10th in New York
      var clock = MutableClock.at("2026-06-11T03:45:00Z", "UTC");

      CallbackTime time = agentInput(null, null, NEW_YORK, clock);

      assertThat(time.customerLocalTime())
          .isEqualTo(OffsetDateTime.parse("2026-06-11T00:15:00-04:00"));
    }

    @Test
    void only_a_date_takes_the_time_of_now_plus_thirty_minutes() {
      var clock = MutableClock.at("2026-06-10T08:10:00Z", "UTC"); // 10:10 in Paris

      CallbackTime time = agentInput("2026-06-20", null, PARIS, clock);

      assertThat(time.customerLocalTime().toLocalDateTime())
          .isEqualTo(LocalDateTime.parse("2026-06-20T10:40"));
    }

    @Test
    void only_a_time_means_today() {
      var clock = MutableClock.at("2026-06-10T08:10:00Z", "UTC");

      CallbackTime time = agentInput(null, "15:00", PARIS, clock);

      assertThat(time.customerLocalTime())
          .isEqualTo(OffsetDateTime.parse("2026-06-10T15:00:00+02:00"));
    }

    @Test
    void today_is_the_customer_zone_date_even_when_the_server_is_still_on_yesterday() {
      // 23:00 UTC on the 10th is already 08:00 on the 11th in Tokyo
      var clock = MutableClock.at("2026-06-10T23:00:00Z", "UTC");

      CallbackTime time = agentInput(null, "09:00", TOKYO, clock);

      assertThat(time.customerLocalTime())
          .isEqualTo(OffsetDateTime.parse("2026-06-11T09:00:00+09:00"));
    }

    @Test
    void default_time_during_the_repeated_autumn_hour_is_still_thirty_minutes_from_now() {
      // 00:45 UTC on 2026-10-25 is 02:45 CEST; thirty minutes later it is 02:15 CET (+01:00),
      // the second 02:15 of the night. Resolving 02:15 to its first occurrence would give a time
      // half an hour in the past, and the agent's no-input default would be refused.
      var clock = MutableClock.at("2026-10-25T00:45:00Z", "UTC");

      CallbackTime time = agentInput(null, null, PARIS, clock);

      assertThat(time.instant()).isEqualTo(Instant.parse("2026-10-25T01:15:00Z"));
      assertThat(time.requireWithinWindow(clock, "time")).isSameAs(time);
    }
  }

  @Nested
  class Window {
    private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");

    @Test
    void callback_thirty_days_ahead_to_the_minute_is_accepted() {
      CallbackTime time = local("2026-07-10T10:00", PARIS); // now is 10:00 in Paris

      assertThat(time.requireWithinWindow(clock, "date")).isSameAs(time);
    }

    @Test
    void callback_thirty_days_and_one_minute_ahead_is_refused_on_the_given_field() {
      CallbackTime time = local("2026-07-10T10:01", PARIS);

      FieldError error = Violated.single(() -> time.requireWithinWindow(clock, "date"));

      assertThat(error.field()).isEqualTo("date");
      assertThat(error.message()).contains("30 days").contains("2026-07-10 10:00 Europe/Paris");
    }

    @Test
    void the_window_is_measured_in_the_customer_zone() {
      // now is 2027-03-10 12:00 in Paris (CET); thirty local days later Paris is on CEST,
      // so Paris's limit is an hour earlier in instants than Tokyo's, which has no DST.
      clock.set(Instant.parse("2027-03-10T11:00:00Z"));
      Instant between = Instant.parse("2027-04-09T10:30:00Z");

      assertThat(new CallbackTime(between, TOKYO).requireWithinWindow(clock, "scheduledAt"))
          .isNotNull();
      assertThat(
              Violated.fields(
                  () -> new CallbackTime(between, PARIS).requireWithinWindow(clock, "scheduledAt")))
          .containsExactly("scheduledAt");
    }

    @ParameterizedTest(name = "{0} from {1}: last local minute {2}, {3} h beyond 30×24 h")
    @CsvSource({
      // spring forward inside the window: 30 local days are one hour short of 720 h
      "Europe/Paris,     2027-03-10T11:00:00Z, 2027-04-09T12:00, -1",
      "America/New_York, 2027-03-01T17:00:00Z, 2027-03-31T12:00, -1",
      // fall back inside the window: 30 local days are one hour more than 720 h
      "Europe/Paris,     2026-10-10T10:00:00Z, 2026-11-09T12:00, 1",
      "America/New_York, 2026-10-20T16:00:00Z, 2026-11-19T12:00, 1",
    })
    void across_a_dst_change_thirty_days_are_counted_in_local_time(
        String zoneId, String now, String lastLocal, int hoursBeyond720) {
      ZoneId zone = ZoneId.of(zoneId);
      clock.set(Instant.parse(now));
      CallbackTime last = local(lastLocal, zone);
      CallbackTime oneMinuteLater = local(LocalDateTime.parse(lastLocal).plusMinutes(1) + "", zone);

      assertThat(Duration.between(clock.instant(), last.instant()))
          .isEqualTo(Duration.ofDays(30).plusHours(hoursBeyond720));
      assertThat(last.requireWithinWindow(clock, "date")).isSameAs(last);
      assertThat(Violated.fields(() -> oneMinuteLater.requireWithinWindow(clock, "date")))
          .containsExactly("date");
    }

    @Test
    void exactly_thirty_times_twenty_four_hours_is_refused_when_spring_shortens_the_month() {
      clock.set(Instant.parse("2027-03-10T11:00:00Z"));
      CallbackTime later = new CallbackTime(clock.instant().plus(Duration.ofDays(30)), PARIS);

      assertThat(Violated.fields(() -> later.requireWithinWindow(clock, "scheduledAt")))
          .containsExactly("scheduledAt");
    }

    @Test
    void now_itself_is_not_in_the_past() {
      CallbackTime time = new CallbackTime(clock.instant(), PARIS);

      assertThat(time.requireWithinWindow(clock, "scheduledAt")).isSameAs(time);
    }

    @Test
    void a_time_one_second_ago_is_refused_as_past() {
      CallbackTime time = new CallbackTime(clock.instant().minusSeconds(1), PARIS);

      FieldError error = Violated.single(() -> time.requireWithinWindow(clock, "time"));

      assertThat(error.field()).isEqualTo("time");
      assertThat(error.message()).contains("in the past");
    }
  }

  @Nested
  class ClockChanges {

    @ParameterizedTest
    @CsvSource({"Europe/Paris, 2027-03-28T02:30", "America/New_York, 2027-03-14T02:30"})
    void a_local_time_skipped_by_spring_forward_is_refused_with_a_message(
        String zoneId, String localDateTime) {
      FieldError error = Violated.single(() -> local(localDateTime, ZoneId.of(zoneId)));

      assertThat(error.field()).isEqualTo("time");
      assertThat(error.message()).contains("02:30 does not exist in " + zoneId);
    }

    @Test
    void an_agent_typing_a_skipped_time_is_refused_not_shifted() {
      var clock = MutableClock.at("2027-03-20T10:00:00Z", "UTC");

      assertThat(Violated.fields(() -> agentInput("2027-03-28", "02:30", PARIS, clock)))
          .containsExactly("time");
    }

    @Test
    void the_hour_after_the_gap_exists() {
      CallbackTime time = local("2027-03-28T03:00", PARIS);

      assertThat(time.instant()).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
    }

    @Test
    void an_ambiguous_autumn_time_means_its_first_occurrence() {
      CallbackTime time = local("2026-10-25T02:30", PARIS);

      assertThat(time.instant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
      assertThat(time.customerLocalTime().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    }
  }

  @Nested
  class LocalTimes {

    @Test
    void customer_local_time_carries_summer_and_winter_offsets() {
      assertThat(new CallbackTime(Instant.parse("2026-07-01T12:00:00Z"), PARIS).customerLocalTime())
          .isEqualTo(OffsetDateTime.parse("2026-07-01T14:00:00+02:00"));
      assertThat(new CallbackTime(Instant.parse("2026-12-01T12:00:00Z"), PARIS).customerLocalTime())
          .isEqualTo(OffsetDateTime.parse("2026-12-01T13:00:00+01:00"));
    }

    @Test
    void local_time_in_another_zone_is_the_same_instant_with_that_zone_offset() {
      CallbackTime time = local("2026-10-25T02:30", PARIS);

      assertThat(time.localTimeIn(NEW_YORK))
          .isEqualTo(OffsetDateTime.parse("2026-10-24T20:30:00-04:00"));
      assertThat(time.localTimeIn(UTC)).isEqualTo(OffsetDateTime.parse("2026-10-25T00:30:00Z"));
      assertThat(time.localTimeIn(NEW_YORK).toInstant()).isEqualTo(time.instant());
    }

    @Test
    void between_the_two_dst_changes_paris_and_new_york_are_five_hours_apart_not_six() {
      // the US springs forward on 2027-03-14, Europe only on 2027-03-28
      CallbackTime time = local("2027-03-20T15:00", PARIS);

      assertThat(time.localTimeIn(NEW_YORK))
          .isEqualTo(OffsetDateTime.parse("2027-03-20T10:00:00-04:00"));
    }

    @Test
    void an_instant_and_a_zone_are_both_required() {
      assertThatThrownBy(() -> new CallbackTime(null, PARIS))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new CallbackTime(Instant.EPOCH, null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
