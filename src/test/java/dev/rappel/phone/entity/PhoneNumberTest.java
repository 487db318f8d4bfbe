package dev.rappel.phone.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.FieldError;
import dev.rappel.testing.Violated;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {
  private static final Optional<String> NO_REGION = Optional.empty();

  @Test
  void an_international_number_with_spaces_is_normalised_to_e164() {
    assertThat(PhoneNumber.parse("+33 1 42 68 53 00", NO_REGION, "phoneNumber").e164())
        .isEqualTo("+33142685300");
  }

  @Test
  void a_north_american_number_with_punctuation_is_normalised() {
    assertThat(PhoneNumber.parse("+1 (212) 555-0100", NO_REGION, "phoneNumber").e164())
        .isEqualTo("+12125550100");
    assertThat(PhoneNumber.parse("+1 (212) 555-0100", Optional.of("FR"), "phoneNumber").e164())
        .isEqualTo("+12125550100");
    assertThat(PhoneNumber.parse("(212) 555-0100", Optional.of("US"), "phoneNumber").e164())
        .isEqualTo("+12125550100");
  }

  @Test
  void a_national_number_is_read_with_the_default_region() {
    assertThat(PhoneNumber.parse("01 42 68 53 00", Optional.of("FR"), "phoneNumber").e164())
        .isEqualTo("+33142685300");
  }

  @Test
  void a_national_number_without_a_default_region_is_refused_with_the_field_name() {
    FieldError error = Violated.single(() -> PhoneNumber.parse("01 42 68 53 00", NO_REGION, "ani"));

    assertThat(error.field()).isEqualTo("ani");
    assertThat(error.message()).contains("01 42 68 53 00").contains("+");
  }

  @Test
  void a_blank_default_region_counts_as_none() {
    assertThat(
            Violated.fields(
                () -> PhoneNumber.parse("01 42 68 53 00", Optional.of(" "), "phoneNumber")))
        .containsExactly("phoneNumber");
  }

  @ParameterizedTest
  @ValueSource(strings = {"call me maybe", "+", "++33 1 42", "+33 1 23", "+999 123 456 789"})
  void garbage_and_invalid_numbers_are_refused_with_the_field_name(String raw) {
    FieldError error = Violated.single(() -> PhoneNumber.parse(raw, NO_REGION, "callerId"));

    assertThat(error.field()).isEqualTo("callerId");
    assertThat(error.message()).contains(raw);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void a_missing_number_is_refused_but_optional_parsing_treats_it_as_not_given(String raw) {
    assertThat(Violated.single(() -> PhoneNumber.parse(raw, NO_REGION, "phoneNumber")).message())
        .contains("required");
    assertThat(PhoneNumber.parseOptional(raw, NO_REGION, "phoneNumber")).isEmpty();
  }

  @Test
  void the_record_itself_holds_only_e164() {
    assertThat(new PhoneNumber("+33142685300")).hasToString("+33142685300");
    assertThatThrownBy(() -> new PhoneNumber("0142685300"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhoneNumber("+33 1 42 68 53 00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
