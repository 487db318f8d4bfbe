package dev.rappel.compliance.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.RuleViolation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallingHoursTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final CallingHours EIGHT_TO_NINE =
      CallingHours.everyDay(LocalTime.of(8, 0), LocalTime.of(21, 0));

  static CallingHours weekdaysAndSaturday() {
    return new CallingHours(
        Map.of(
            DayOfWeek.MONDAY, List.of(new Interval(LocalTime.of(8, 0), LocalTime.of(21, 0))),
            DayOfWeek.TUESDAY, List.of(new Interval(LocalTime.of(8, 0), LocalTime.of(21, 0))),
            DayOfWeek.WEDNESDAY, List.of(new Interval(LocalTime.of(8, 0), LocalTime.of(21, 0))),
            DayOfWeek.THURSDAY, List.of(new Interval(LocalTime.of(8, 0), LocalTime.of(21, 0))),
            DayOfWeek.FRIDAY, List.of(new Interval(LocalTime.of(8, 0), LocalTime.of(21, 0))),
            DayOfWeek.SATURDAY, List.of(new Interval(LocalTime.of(9, 0), LocalTime.of(18, 0)))),
        List.of(LocalDate.parse("2026-12-25")));
  }

  @Test
  void the_summary_runs_days_with_the_same_hours_together_and_names_closed_dates_still_ahead() {
    assertThat(weekdaysAndSaturday().summary(LocalDate.parse("2026-06-01")))
        .isEqualTo("Mon–Fri 08:00–21:00, Sat 09:00–18:00; closed 2026-12-25");
    assertThat(weekdaysAndSaturday().summary(LocalDate.parse("2026-12-26")))
        .isEqualTo("Mon–Fri 08:00–21:00, Sat 09:00–18:00");
    assertThat(EIGHT_TO_NINE.summary(LocalDate.parse("2026-06-01")))
        .isEqualTo("Mon–Sun 08:00–21:00");
    CallingHours gaps =
        new CallingHours(
            Map.of(
                DayOfWeek.MONDAY, List.of(new Interval(LocalTime.of(9, 0), LocalTime.of(12, 0))),
                DayOfWeek.WEDNESDAY,
                    List.of(
                        new Interval(LocalTime.of(14, 0), LocalTime.of(17, 0)),
                        new Interval(LocalTime.of(9, 0), LocalTime.of(12, 0)))),
            List.of());
    assertThat(gaps.summary(LocalDate.parse("2026-06-01")))
        .isEqualTo("Mon 09:00–12:00, Wed 09:00–12:00 and 14:00–17:00");
    assertThat(new CallingHours(Map.of(), List.of()).summary(LocalDate.parse("2026-06-01")))
        .isEqualTo("never");
  }

  @Test
  void eight_oclock_is_read_on_the_paris_wall_clock_on_both_sides_of_the_spring_change() {
    // 2026-03-29: Paris moves from UTC+1 to UTC+2
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-03-28T07:00:00Z"), PARIS)).isTrue();
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-03-28T06:59:00Z"), PARIS)).isFalse();
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-03-29T06:00:00Z"), PARIS)).isTrue();
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-03-29T05:59:00Z"), PARIS)).isFalse();
    assertThat(EIGHT_TO_NINE.nextOpening(Instant.parse("2026-03-29T01:00:00Z"), PARIS))
        .contains(Instant.parse("2026-03-29T06:00:00Z"));
  }

  @Test
  void nine_pm_in_new_york_moves_in_utc_when_the_clocks_fall_back() {
    // 2026-11-01: New York moves from UTC-4 to UTC-5
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-10-31T01:00:00Z"), NEW_YORK)).isTrue();
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-10-31T01:00:01Z"), NEW_YORK)).isFalse();
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-11-02T02:00:00Z"), NEW_YORK)).isTrue();
    assertThat(EIGHT_TO_NINE.allows(Instant.parse("2026-11-02T02:00:01Z"), NEW_YORK)).isFalse();
    assertThat(EIGHT_TO_NINE.lastOpenAtOrBefore(Instant.parse("2026-11-02T05:00:00Z"), NEW_YORK))
        .contains(Instant.parse("2026-11-02T02:00:00Z"));
  }

  @Test
  void a_closed_date_is_closed_all_day_and_the_next_opening_skips_it() {
    CallingHours hours = weekdaysAndSaturday();
    // Friday 2026-12-25, noon in Paris
    assertThat(hours.allows(Instant.parse("2026-12-25T11:00:00Z"), PARIS)).isFalse();
    // next: Saturday 26th 09:00 Paris = 08:00Z
    assertThat(hours.nextOpening(Instant.parse("2026-12-25T11:00:00Z"), PARIS))
        .contains(Instant.parse("2026-12-26T08:00:00Z"));
  }

  @Test
  void the_suggestions_around_a_sunday_are_saturday_evening_and_monday_morning() {
    ContactPolicy policy =
        new ContactPolicy(Optional.of(weekdaysAndSaturday()), false, Optional.empty());
    Destination paris = new Destination(List.of(PARIS), "given");
    // Sunday 2026-12-06 12:00 Paris (11:00Z): Saturday 18:00 is 18h before, Monday 08:00 is 20h
    // after
    List<Instant> suggestions =
        policy.suggestionsAround(
            Instant.parse("2026-12-06T11:00:00Z"),
            paris,
            List.of(),
            Instant.parse("2026-12-01T00:00:00Z"),
            Instant.parse("2026-12-31T00:00:00Z"));
    assertThat(suggestions)
        .containsExactly(
            Instant.parse("2026-12-05T17:00:00Z"), Instant.parse("2026-12-07T07:00:00Z"));
  }

  @Test
  void a_suggestion_in_the_past_is_not_offered() {
    ContactPolicy policy =
        new ContactPolicy(Optional.of(weekdaysAndSaturday()), false, Optional.empty());
    List<Instant> suggestions =
        policy.suggestionsAround(
            Instant.parse("2026-12-06T11:00:00Z"),
            new Destination(List.of(PARIS), "given"),
            List.of(),
            Instant.parse("2026-12-06T10:00:00Z"),
            Instant.parse("2026-12-31T00:00:00Z"));
    assertThat(suggestions).containsExactly(Instant.parse("2026-12-07T07:00:00Z"));
  }

  @Test
  void a_us_toll_free_number_is_checked_in_every_us_zone() {
    PhoneNumber tollFree = new PhoneNumber("+18002530000");
    Destination destination = Destination.of(Optional.empty(), tollFree, PARIS);
    assertThat(destination.zones().size()).isGreaterThan(1);
    assertThat(destination.zones()).contains(NEW_YORK, ZoneId.of("America/Los_Angeles"));
    // 08:30 in New York is 05:30 in Los Angeles: not allowed everywhere
    Instant morningEast = Instant.parse("2026-12-01T13:30:00Z");
    assertThat(EIGHT_TO_NINE.allows(morningEast, NEW_YORK)).isTrue();
    assertThat(EIGHT_TO_NINE.allowsEverywhere(morningEast, destination.zones())).isFalse();
    Instant opening =
        EIGHT_TO_NINE.nextOpeningEverywhere(morningEast, destination.zones()).orElseThrow();
    assertThat(EIGHT_TO_NINE.allowsEverywhere(opening, destination.zones())).isTrue();
    assertThat(opening).isAfterOrEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
  }

  @Test
  void an_australian_mobile_spans_several_zones_and_a_given_zone_wins() {
    PhoneNumber mobile = new PhoneNumber("+61412345678");
    assertThat(Destination.of(Optional.empty(), mobile, PARIS).zones().size()).isGreaterThan(1);
    ZoneId perth = ZoneId.of("Australia/Perth");
    assertThat(Destination.of(Optional.of(perth), mobile, PARIS).zones()).containsExactly(perth);
  }

  @Test
  void a_paris_number_has_one_zone() {
    assertThat(new PhoneNumber("+33142685300").possibleZones()).containsExactly(PARIS);
  }

  @Test
  void bad_intervals_days_and_dates_are_refused_naming_each_field() {
    assertThatThrownBy(
            () ->
                CallingHours.parse(
                    Map.of(
                        "MONDAY", List.<String[]>of(new String[] {"21:00", "08:00"}),
                        "FUNDAY", List.<String[]>of(new String[] {"08:00", "09:00"}),
                        "TUESDAY", List.<String[]>of(new String[] {"8h", "25:00"})),
                    List.of("2026-13-01"),
                    "callbackSettings.callingHours"))
        .isInstanceOf(RuleViolation.class)
        .satisfies(
            e ->
                assertThat(((RuleViolation) e).errors())
                    .extracting(f -> f.field())
                    .contains(
                        "callbackSettings.callingHours.days.MONDAY[0]",
                        "callbackSettings.callingHours.days",
                        "callbackSettings.callingHours.days.TUESDAY[0].from",
                        "callbackSettings.callingHours.days.TUESDAY[0].to",
                        "callbackSettings.callingHours.closedDates[0]"));
  }

  @Test
  void calling_hours_survive_their_json_column() {
    CallingHours hours = weekdaysAndSaturday();
    var converter = new CallingHoursConverter();
    assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(hours)))
        .isEqualTo(hours);
  }
}
