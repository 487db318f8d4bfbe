package dev.rappel.callback.entity;

import static dev.rappel.testing.Fixtures.NEW_YORK;
import static dev.rappel.testing.Fixtures.agent;
import static dev.rappel.testing.Fixtures.integration;
import static dev.rappel.testing.Fixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.agent.entity.Agent;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.Fixtures;
import dev.rappel.testing.MutableClock;
import dev.rappel.testing.Violated;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackFromIntegrationTest {
  private static final String ACTOR = "integration:web-form";

  // a clock with milliseconds, like the server's
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00.437Z", "Europe/Paris");
  private final Queue sales = queue(1, "Sales");

  private Callback create(Fixtures.Integration request) {
    return Callback.fromIntegration(request.build(), clock, ACTOR);
  }

  @Test
  void without_a_scheduled_time_it_is_due_now_and_not_refused_as_past() {
    Callback callback = create(integration(sales));

    assertThat(callback.time().instant()).isEqualTo(clock.instant());
    assertThat(callback.time().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(callback.state()).isEqualTo(CallbackState.SCHEDULED);
    assertThat(callback.interaction()).isEmpty();
    assertThat(callback.scheduledBy()).isEmpty();
  }

  @Test
  void the_request_fields_are_kept() {
    Agent preferred = agent(4, null, clock);

    Callback callback =
        create(
            integration(sales)
                .customerName("  Camille Martin ")
                .scheduledAt("2026-06-11T13:00:00Z")
                .zone(NEW_YORK)
                .callerId("+33170000000")
                .callerIdName(" Rappel Bank ")
                .preferredAgent(preferred));

    assertThat(callback.queue()).isSameAs(sales);
    assertThat(callback.shownNumber()).isEqualTo("+33142685300");
    assertThat(callback.customerName()).contains("Camille Martin");
    assertThat(callback.time())
        .isEqualTo(new CallbackTime(Instant.parse("2026-06-11T13:00:00Z"), NEW_YORK));
    assertThat(callback.callerId()).contains(new PhoneNumber("+33170000000"));
    assertThat(callback.callerIdName()).contains("Rappel Bank");
    assertThat(callback.preferredAgent()).containsSame(preferred);
    assertThat(callback.ownership()).isEmpty();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void a_customer_name_is_required(String name) {
    assertThat(Violated.fields(() -> create(integration(sales).customerName(name))))
        .containsExactly("customerName");
  }

  @Test
  void a_customer_name_may_have_up_to_two_hundred_characters() {
    assertThat(create(integration(sales).customerName("n".repeat(200))).customerName())
        .hasValueSatisfying(name -> assertThat(name).hasSize(200));
    assertThat(Violated.fields(() -> create(integration(sales).customerName("n".repeat(201)))))
        .containsExactly("customerName");
  }

  @Test
  void a_caller_id_name_may_have_up_to_one_hundred_characters_and_blank_means_none() {
    assertThat(create(integration(sales).callerIdName("c".repeat(100))).callerIdName()).isPresent();
    assertThat(create(integration(sales).callerIdName("   ")).callerIdName()).isEmpty();
    assertThat(Violated.fields(() -> create(integration(sales).callerIdName("c".repeat(101)))))
        .containsExactly("callerIdName");
  }

  @Test
  void data_is_kept_with_its_keys_in_order() {
    Callback callback = create(integration(sales).data(Map.of("order", "A-17", "crm", "42")));

    assertThat(callback.data()).containsExactly(Map.entry("crm", "42"), Map.entry("order", "A-17"));
  }

  @Test
  void data_may_hold_fifty_entries_but_not_fifty_one() {
    assertThat(create(integration(sales).data(entries(50))).data()).hasSize(50);
    assertThat(Violated.fields(() -> create(integration(sales).data(entries(51)))))
        .containsExactly("data");
  }

  @Test
  void data_keys_must_be_one_to_one_hundred_characters() {
    assertThat(create(integration(sales).data(Map.of("k".repeat(100), "v"))).data()).hasSize(1);
    assertThat(Violated.fields(() -> create(integration(sales).data(Map.of("k".repeat(101), "v")))))
        .containsExactly("data");
    assertThat(Violated.fields(() -> create(integration(sales).data(Map.of(" ", "v")))))
        .containsExactly("data");
  }

  @Test
  void data_values_may_have_up_to_one_thousand_characters_and_the_error_names_the_key() {
    assertThat(create(integration(sales).data(Map.of("note", "v".repeat(1000)))).data()).hasSize(1);
    assertThat(
            Violated.fields(
                () -> create(integration(sales).data(Map.of("note", "v".repeat(1001))))))
        .containsExactly("data.note");
  }

  @Test
  void a_null_data_value_is_refused_not_stored() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("note", null);

    assertThat(Violated.fields(() -> create(integration(sales).data(data))))
        .containsExactly("data.note");
  }

  @Test
  void a_scheduled_time_thirty_days_ahead_is_accepted_and_beyond_it_refused() {
    // 2026-06-10T08:00:00.437Z + 30 days, no DST change in between
    assertThat(create(integration(sales).scheduledAt("2026-07-10T08:00:00.437Z")).state())
        .isEqualTo(CallbackState.SCHEDULED);
    assertThat(
            Violated.fields(() -> create(integration(sales).scheduledAt("2026-07-10T08:01:00Z"))))
        .containsExactly("scheduledAt");
  }

  @Test
  void a_scheduled_time_in_the_past_is_refused() {
    assertThat(
            Violated.fields(() -> create(integration(sales).scheduledAt("2026-06-10T07:59:59Z"))))
        .containsExactly("scheduledAt");
  }

  @Test
  void every_mistake_is_reported_at_once() {
    assertThat(
            Violated.fields(
                () ->
                    create(
                        integration(sales)
                            .customerName(" ")
                            .scheduledAt("2026-08-01T00:00:00Z")
                            .callerIdName("c".repeat(101))
                            .data(Map.of("note", "v".repeat(1001))))))
        .containsExactlyInAnyOrder("scheduledAt", "customerName", "callerIdName", "data.note");
  }

  @Test
  void history_starts_with_a_scheduled_entry_naming_the_integration() {
    Callback callback = create(integration(sales));

    assertThat(callback.history())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.event()).isEqualTo("SCHEDULED");
              assertThat(entry.actor()).isEqualTo(ACTOR);
              assertThat(entry.at()).isEqualTo(clock.instant());
            });
    assertThat(callback.createdBy()).isEqualTo(ACTOR);
  }

  private static Map<String, String> entries(int count) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      data.put("key" + i, "value" + i);
    }
    return data;
  }
}
