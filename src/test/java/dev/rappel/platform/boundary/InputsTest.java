package dev.rappel.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.platform.entity.FieldError;
import dev.rappel.queue.entity.CallbackMode;
import dev.rappel.testing.Violated;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputsTest {

  @Test
  void a_date_is_year_month_day_and_blank_is_not_given() {
    assertThat(Inputs.date(" 2026-06-10 ", "date")).contains(LocalDate.of(2026, 6, 10));
    assertThat(Inputs.date(" ", "date")).isEmpty();
    assertThat(Inputs.date(null, "date")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10/06/2026", "2026-13-01", "2026-02-30", "tomorrow"})
  void an_unreadable_date_is_refused_naming_the_field(String raw) {
    FieldError error = Violated.single(() -> Inputs.date(raw, "date"));

    assertThat(error.field()).isEqualTo("date");
    assertThat(error.message()).contains(raw).contains("YYYY-MM-DD");
  }

  @Test
  void a_time_is_twenty_four_hour_hours_and_minutes() {
    assertThat(Inputs.time("09:05", "time")).contains(LocalTime.of(9, 5));
    assertThat(Inputs.time("23:59", "time")).contains(LocalTime.of(23, 59));
    assertThat(Inputs.time("", "time")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"25:00", "12:60", "3pm", "10:00:00", "1000"})
  void an_unreadable_time_is_refused_naming_the_field(String raw) {
    FieldError error = Violated.single(() -> Inputs.time(raw, "time"));

    assertThat(error.field()).isEqualTo("time");
    assertThat(error.message()).contains("HH:mm");
  }

  @Test
  void twenty_four_hundred_is_refused_not_read_as_the_midnight_that_starts_the_day() {
    // "2026-06-11" + "24:00" means the end of that day; read as 00:00 it would be a day early
    assertThat(Violated.fields(() -> Inputs.time("24:00", "time"))).containsExactly("time");
  }

  @Test
  void an_instant_needs_an_offset_and_is_read_in_it() {
    assertThat(Inputs.instant("2026-03-29T14:00:00+02:00", "scheduledAt"))
        .contains(Instant.parse("2026-03-29T12:00:00Z"));
    assertThat(Inputs.instant("2026-03-29T12:00:00Z", "scheduledAt"))
        .contains(Instant.parse("2026-03-29T12:00:00Z"));
    assertThat(Inputs.instant(null, "scheduledAt")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-03-29T14:00:00", "2026-03-29", "1774785600", "next week"})
  void an_instant_without_offset_or_unreadable_is_refused_naming_the_field(String raw) {
    FieldError error = Violated.single(() -> Inputs.instant(raw, "scheduledAt"));

    assertThat(error.field()).isEqualTo("scheduledAt");
    assertThat(error.message()).contains("RFC 3339");
  }

  @Test
  void enum_values_are_read_regardless_of_case() {
    assertThat(Inputs.enumValue(" customer_first ", CallbackMode.class, "mode"))
        .contains(CallbackMode.CUSTOMER_FIRST);
    assertThat(Inputs.enumValue("", CallbackMode.class, "mode")).isEmpty();
  }

  @Test
  void an_unknown_enum_value_is_refused_listing_the_allowed_ones() {
    FieldError error =
        Violated.single(
            () -> Inputs.enumValue("SOMETIMES", CallbackMode.class, "callbackSettings.mode"));

    assertThat(error.field()).isEqualTo("callbackSettings.mode");
    assertThat(error.message()).contains("SOMETIMES").contains("AGENT_FIRST, CUSTOMER_FIRST");
  }

  @Test
  void an_unknown_enum_value_makes_the_request_unreadable_not_a_broken_rule() {
    var violation =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.rappel.platform.entity.RuleViolation.class,
            () -> Inputs.enumValue("SOMETIMES", CallbackMode.class, "callbackSettings.mode"));

    assertThat(violation.unreadable()).isTrue();
  }

  @Test
  void a_required_enum_that_is_missing_is_refused_naming_the_field() {
    assertThat(Violated.fields(() -> Inputs.requiredEnum(" ", CallbackMode.class, "mode")))
        .containsExactly("mode");
  }

  @Test
  void ids_and_bounded_numbers_name_the_field_when_wrong() {
    assertThat(Inputs.id("42", "queueId")).contains(42L);
    assertThat(Violated.fields(() -> Inputs.id("forty-two", "queueId"))).containsExactly("queueId");
    assertThat(Inputs.intInRange(null, 20, 1, 100, "size")).isEqualTo(20);
    assertThat(Inputs.intInRange("100", 20, 1, 100, "size")).isEqualTo(100);
    assertThat(Violated.fields(() -> Inputs.intInRange("101", 20, 1, 100, "size")))
        .containsExactly("size");
    assertThat(Violated.fields(() -> Inputs.intInRange("ten", 20, 1, 100, "size")))
        .containsExactly("size");
  }

  @Test
  void if_match_names_the_version_of_an_etag_and_star_or_nothing_names_none() {
    assertThat(Inputs.ifMatch("\"7\"")).contains(7L);
    assertThat(Inputs.ifMatch(" W/\"7\" ")).contains(7L);
    assertThat(Inputs.ifMatch("*")).isEmpty();
    assertThat(Inputs.ifMatch(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"7", "\"seven\"", "\"\"", "\"1\", \"2\""})
  void an_if_match_that_is_not_one_of_our_etags_is_refused_naming_the_header(String raw) {
    assertThat(Violated.fields(() -> Inputs.ifMatch(raw))).containsExactly("If-Match");
  }
}
