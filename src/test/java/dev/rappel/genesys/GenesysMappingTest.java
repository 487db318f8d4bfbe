package dev.rappel.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.genesys.boundary.GenesysError;
import dev.rappel.genesys.entity.CallbackNumbers;
import dev.rappel.genesys.entity.CountryCode;
import dev.rappel.genesys.entity.GenesysRouting;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.RuleViolation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How Genesys' callback fields map to Rappel's. */
class GenesysMappingTest {
  private static final Function<String, PhoneNumber> US =
      raw -> PhoneNumber.parse(raw, Optional.of("US"), CallbackNumbers.FIELD);

  @Test
  void the_first_valid_callback_number_is_dialled_and_the_others_are_kept_in_data() {
    CallbackNumbers numbers =
        CallbackNumbers.choose(List.of("not a number", "(317) 555-0188", "+13175550199"), US);

    assertThat(numbers.dialled().e164()).isEqualTo("+13175550188");
    assertThat(numbers.others()).containsExactly("not a number", "+13175550199");
    assertThat(numbers.addOthersTo(Map.of("notes", "x")))
        .containsEntry("notes", "x")
        .containsEntry(CallbackNumbers.OTHERS_KEY, "not a number,+13175550199");
  }

  @Test
  void a_single_number_adds_nothing_to_data() {
    CallbackNumbers numbers = CallbackNumbers.choose(List.of("+13175550123"), US);

    assertThat(numbers.addOthersTo(Map.of())).isEmpty();
  }

  @Test
  void no_valid_callback_number_is_refused_naming_callbackNumbers() {
    assertThatThrownBy(() -> CallbackNumbers.choose(List.of("12", "x"), US))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("callbackNumbers"));
    assertThatThrownBy(() -> CallbackNumbers.choose(List.of(), US))
        .isInstanceOf(RuleViolation.class);
    assertThatThrownBy(() -> CallbackNumbers.choose(null, US)).isInstanceOf(RuleViolation.class);
  }

  @Test
  void country_code_is_a_region_or_a_calling_code() {
    assertThat(CountryCode.region("us")).contains("US");
    assertThat(CountryCode.region("+33")).contains("FR");
    assertThat(CountryCode.region("1")).contains("US");
    assertThat(CountryCode.region(null)).isEmpty();
    assertThat(CountryCode.region(" ")).isEmpty();
    assertThatThrownBy(() -> CountryCode.region("XX")).isInstanceOf(RuleViolation.class);
    assertThatThrownBy(() -> CountryCode.region("+999")).isInstanceOf(RuleViolation.class);
    assertThatThrownBy(() -> CountryCode.region("France")).isInstanceOf(RuleViolation.class);
  }

  @Test
  void the_queue_comes_from_queueId_or_routingData_and_both_must_agree() {
    assertThat(GenesysRouting.of("q1", null, null, null, null).queue()).isEqualTo("q1");
    assertThat(GenesysRouting.of(null, "q2", null, null, null).queue()).isEqualTo("q2");
    assertThat(GenesysRouting.of("q3", "q3", null, null, null).queue()).isEqualTo("q3");
    assertThatThrownBy(() -> GenesysRouting.of("q1", "q2", null, null, null))
        .isInstanceOf(RuleViolation.class);
    assertThatThrownBy(() -> GenesysRouting.of(null, " ", null, null, null))
        .isInstanceOf(RuleViolation.class);
  }

  @Test
  void the_preferred_agent_is_the_first_preferred_else_the_best_scored() {
    assertThat(GenesysRouting.of("q", null, List.of("a1", "a2"), null, null).agent())
        .contains("a1");
    var scored =
        List.of(
            new GenesysRouting.ScoredAgent("low", 10), new GenesysRouting.ScoredAgent("hi", 90));
    assertThat(GenesysRouting.of("q", null, null, scored, null).agent()).contains("hi");
    assertThat(GenesysRouting.of("q", null, null, null, null).agent()).isEmpty();
    assertThat(GenesysRouting.of("q", null, List.of("a1"), null, null).owned()).isFalse();
  }

  @Test
  void agent_owned_callback_flag_makes_the_agent_owner_and_needs_one() {
    GenesysRouting owned =
        GenesysRouting.of("q", null, List.of("a1"), null, List.of(GenesysRouting.AGENT_OWNED));
    assertThat(owned.owned()).isTrue();
    assertThat(owned.agent()).contains("a1");
    assertThatThrownBy(
            () -> GenesysRouting.of("q", null, null, null, List.of(GenesysRouting.AGENT_OWNED)))
        .isInstanceOf(RuleViolation.class);
    assertThatThrownBy(() -> GenesysRouting.of("q", null, List.of("a"), null, List.of("OTHER")))
        .isInstanceOf(RuleViolation.class);
  }

  @Test
  void errors_take_genesys_codes_fields_and_400_for_broken_rules() {
    GenesysError error =
        GenesysError.of(
            422, "2 rules", List.of(new FieldError("phoneNumber", "is not a phone number.")));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("bad.request");
    assertThat(error.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.messageParams()).containsEntry("field", "callbackNumbers"));
    assertThat(error.message()).startsWith("callbackNumbers: ");
    assertThat(error.contextId()).isNotBlank();
    assertThat(GenesysError.of(404, "No callback", null).code()).isEqualTo("not.found");
    assertThat(GenesysError.code(403)).isEqualTo("missing.permissions");
    assertThat(GenesysError.code(401)).isEqualTo("bad.credentials");
  }
}
