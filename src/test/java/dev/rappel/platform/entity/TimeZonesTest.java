package dev.rappel.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.Violated;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZonesTest {

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC"})
  void iana_zone_ids_are_accepted(String id) {
    assertThat(TimeZones.parseOptional(id, "timeZone")).contains(ZoneId.of(id));
  }

  @Test
  void surrounding_spaces_are_ignored() {
    assertThat(TimeZones.parseOptional("  Asia/Tokyo ", "timeZone"))
        .contains(ZoneId.of("Asia/Tokyo"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "Z", "GMT+2", "UTC+2", "Mars/Base", "Europe/Pari", "Paris"})
  void offsets_and_unknown_zones_are_refused_with_the_field_name(String id) {
    FieldError error = Violated.single(() -> TimeZones.parseOptional(id, "timeZone"));

    assertThat(error.field()).isEqualTo("timeZone");
    assertThat(error.message()).contains("'" + id + "'").contains("IANA");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void a_blank_zone_means_not_given(String id) {
    assertThat(TimeZones.parseOptional(id, "timeZone")).isEmpty();
  }
}
