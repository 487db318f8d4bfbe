package dev.rappel.callback.entity;

import static dev.rappel.testing.Fixtures.NEW_YORK;
import static dev.rappel.testing.Fixtures.PARIS;
import static dev.rappel.testing.Fixtures.agent;
import static dev.rappel.testing.Fixtures.interaction;
import static dev.rappel.testing.Fixtures.ownedEnabled;
import static dev.rappel.testing.Fixtures.queue;
import static dev.rappel.testing.Fixtures.schedule;
import static dev.rappel.testing.Fixtures.settings;
import static dev.rappel.testing.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.interaction.entity.MediaType;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import dev.rappel.testing.Fixtures;
import dev.rappel.testing.MutableClock;
import dev.rappel.testing.Violated;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallbackFromInteractionTest {
  private static final String ANI = "+33142685300";
  private static final String ACTOR = "agent:7";

  // 08:00 UTC is 10:00 in Paris; the server runs on UTC
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");
  private final Agent parisAgent = agent(7, PARIS, clock);
  private final Queue sales = queue(1, "Sales");
  private final Queue support = queue(2, "Support");

  private Interaction call(Queue queue, String ani, Agent agent) {
    return interaction(queue, ani, agent, clock);
  }

  private Callback scheduleFrom(Interaction interaction, Fixtures.Schedule request) {
    return Callback.fromInteraction(interaction, request.build(), clock, ACTOR);
  }

  @Test
  void without_input_every_default_comes_from_the_interaction_and_the_agent() {
    Interaction interaction = call(sales, ANI, parisAgent);

    Callback callback = scheduleFrom(interaction, schedule());

    assertThat(callback.phoneNumber()).contains(new PhoneNumber(ANI));
    assertThat(callback.queue()).isSameAs(sales);
    assertThat(callback.time().zone()).isEqualTo(PARIS);
    assertThat(callback.time().instant()).isEqualTo(Instant.parse("2026-06-10T08:30:00Z"));
    assertThat(callback.state()).isEqualTo(CallbackState.SCHEDULED);
    assertThat(callback.interaction()).containsSame(interaction);
    assertThat(callback.scheduledBy()).containsSame(parisAgent);
    assertThat(callback.preferredAgent()).isEmpty();
    assertThat(callback.ownership()).isEmpty();
    assertThat(callback.createdAt()).isEqualTo(clock.instant());
    assertThat(callback.createdBy()).isEqualTo(ACTOR);
  }

  @ParameterizedTest
  @EnumSource(MediaType.class)
  void a_callback_can_be_scheduled_from_every_media_type(MediaType mediaType) {
    Interaction interaction =
        new Interaction(mediaType, sales, Optional.of(new PhoneNumber(ANI)), parisAgent, clock);

    assertThat(scheduleFrom(interaction, schedule()).state()).isEqualTo(CallbackState.SCHEDULED);
  }

  @Test
  void an_agent_without_a_zone_schedules_in_the_server_zone() {
    Agent noZone = agent(8, null, clock);

    Callback callback = scheduleFrom(call(sales, ANI, noZone), schedule().time("15:00"));

    assertThat(callback.time().zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(callback.time().instant()).isEqualTo(Instant.parse("2026-06-10T15:00:00Z"));
  }

  @Test
  void an_interaction_without_an_agent_schedules_in_the_server_zone() {
    Callback callback = scheduleFrom(call(sales, ANI, null), schedule());

    assertThat(callback.time().zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(callback.scheduledBy()).isEmpty();
  }

  @Test
  void the_customer_zone_when_given_is_where_date_and_time_are_read() {
    Callback callback =
        scheduleFrom(
            call(sales, ANI, parisAgent), schedule().zone(NEW_YORK).at("2026-06-12", "09:00"));

    assertThat(callback.time().zone()).isEqualTo(NEW_YORK);
    assertThat(callback.time().instant()).isEqualTo(Instant.parse("2026-06-12T13:00:00Z"));
  }

  @Test
  void a_given_phone_number_replaces_the_ani() {
    Callback callback =
        scheduleFrom(call(sales, ANI, parisAgent), schedule().phone("+12125550100"));

    assertThat(callback.shownNumber()).isEqualTo("+12125550100");
  }

  @Test
  void a_withheld_ani_and_no_phone_number_is_refused_on_phone_number() {
    Interaction withheld = call(sales, null, parisAgent);

    assertThat(Violated.fields(() -> scheduleFrom(withheld, schedule())))
        .containsExactly("phoneNumber");
  }

  @Test
  void a_withheld_ani_is_fine_when_the_agent_gives_a_number() {
    Callback callback = scheduleFrom(call(sales, null, parisAgent), schedule().phone(ANI));

    assertThat(callback.shownNumber()).isEqualTo(ANI);
  }

  @Test
  void another_queue_is_refused_when_the_interaction_queue_does_not_allow_queue_selection() {
    FieldError error =
        Violated.single(
            () -> scheduleFrom(call(sales, ANI, parisAgent), schedule().queue(support)));

    assertThat(error.field()).isEqualTo("queueId");
    assertThat(error.message()).contains("Sales");
  }

  @Test
  void another_queue_is_accepted_when_the_interaction_queue_allows_queue_selection() {
    Queue open = queue(3, "Open", settings(true, OwnedCallbackPolicy.defaults()));

    Callback callback = scheduleFrom(call(open, ANI, parisAgent), schedule().queue(support));

    assertThat(callback.queue()).isSameAs(support);
  }

  @Test
  void naming_the_interaction_own_queue_is_not_choosing_another_one() {
    Queue sameSalesLoadedAgain = queue(1, "Sales");

    Callback callback =
        scheduleFrom(call(sales, ANI, parisAgent), schedule().queue(sameSalesLoadedAgain));

    assertThat(callback.queue()).isEqualTo(sales);
  }

  @Test
  void route_to_me_prefers_the_agent_on_the_interaction_without_owning() {
    Callback callback = scheduleFrom(call(sales, ANI, parisAgent), schedule().routeToMe());

    assertThat(callback.preferredAgent()).containsSame(parisAgent);
    assertThat(callback.ownership()).isEmpty();
  }

  @Test
  void route_to_me_without_an_agent_on_the_interaction_is_refused() {
    assertThat(Violated.fields(() -> scheduleFrom(call(sales, ANI, null), schedule().routeToMe())))
        .containsExactly("routeToMe");
  }

  @Test
  void take_ownership_without_an_agent_on_the_interaction_is_refused() {
    Queue owning = queue(3, "Owning", settings(false, ownedEnabled(72, 24)));

    assertThat(
            Violated.fields(
                () -> scheduleFrom(call(owning, ANI, null), schedule().takeOwnership())))
        .containsExactly("takeOwnership");
  }

  @Test
  void take_ownership_is_refused_when_the_queue_policy_disables_it() {
    FieldError error =
        Violated.single(
            () -> scheduleFrom(call(sales, ANI, parisAgent), schedule().takeOwnership()));

    assertThat(error.field()).isEqualTo("takeOwnership");
    assertThat(error.message()).contains("does not allow");
  }

  @Test
  void take_ownership_sets_the_expiry_to_scheduled_time_plus_ownership_hours() {
    Queue owning = queue(3, "Owning", settings(false, ownedEnabled(72, 24)));

    Callback callback =
        scheduleFrom(
            call(owning, ANI, parisAgent),
            schedule().at("2026-06-11", "14:00").takeOwnership().routeToMe());

    Ownership ownership = callback.ownership().orElseThrow();
    assertThat(ownership.owner()).isSameAs(parisAgent);
    assertThat(ownership.expiresAt())
        .isEqualTo(callback.time().instant().plus(Duration.ofHours(24)))
        .isEqualTo(Instant.parse("2026-06-12T12:00:00Z"));
    assertThat(callback.preferredAgent()).containsSame(parisAgent);
  }

  @Test
  void take_ownership_exactly_max_schedule_ahead_hours_ahead_is_accepted() {
    Queue owning = queue(3, "Owning", settings(false, ownedEnabled(24, 24)));

    Callback callback =
        scheduleFrom(
            call(owning, ANI, parisAgent), schedule().at("2026-06-11", "10:00").takeOwnership());

    assertThat(callback.ownership()).isPresent();
  }

  @Test
  void take_ownership_one_minute_beyond_max_schedule_ahead_hours_is_refused() {
    Queue owning = queue(3, "Owning", settings(false, ownedEnabled(24, 24)));

    FieldError error =
        Violated.single(
            () ->
                scheduleFrom(
                    call(owning, ANI, parisAgent),
                    schedule().at("2026-06-11", "10:01").takeOwnership()));

    assertThat(error.field()).isEqualTo("takeOwnership");
    assertThat(error.message()).contains("1 day");
  }

  @Test
  void a_time_in_the_past_is_refused_on_the_field_the_agent_typed() {
    Interaction interaction = call(sales, ANI, parisAgent);

    assertThat(Violated.fields(() -> scheduleFrom(interaction, schedule().time("09:59"))))
        .containsExactly("time");
    assertThat(Violated.fields(() -> scheduleFrom(interaction, schedule().date("2026-06-09"))))
        .containsExactly("date");
  }

  @Test
  void more_than_thirty_days_ahead_is_refused() {
    Interaction interaction = call(sales, ANI, parisAgent);

    assertThat(scheduleFrom(interaction, schedule().at("2026-07-10", "10:00")).state())
        .isEqualTo(CallbackState.SCHEDULED);
    assertThat(
            Violated.fields(() -> scheduleFrom(interaction, schedule().at("2026-07-10", "10:01"))))
        .containsExactly("date");
  }

  @Test
  void every_mistake_is_reported_at_once() {
    Interaction withheld = call(sales, null, parisAgent);

    assertThat(
            Violated.fields(
                () ->
                    scheduleFrom(
                        withheld,
                        schedule()
                            .time("08:00")
                            .queue(support)
                            .takeOwnership()
                            .notes("x".repeat(Callback.MAX_NOTES + 1)))))
        .containsExactlyInAnyOrder("time", "phoneNumber", "queueId", "notes");
  }

  @Test
  void notes_are_trimmed_blank_notes_are_none_and_long_notes_refused() {
    Interaction interaction = call(sales, ANI, parisAgent);

    assertThat(scheduleFrom(interaction, schedule().notes("  call after lunch ")).notes())
        .contains("call after lunch");
    assertThat(scheduleFrom(interaction, schedule().notes("   ")).notes()).isEmpty();
    assertThat(scheduleFrom(interaction, schedule().notes("x".repeat(Callback.MAX_NOTES))).notes())
        .isPresent();
    assertThat(
            Violated.fields(
                () ->
                    scheduleFrom(
                        interaction, schedule().notes("x".repeat(Callback.MAX_NOTES + 1)))))
        .containsExactly("notes");
  }

  @Test
  void history_starts_with_a_scheduled_entry_naming_the_actor() {
    Callback callback = scheduleFrom(call(sales, ANI, parisAgent), schedule().routeToMe());

    assertThat(callback.history()).hasSize(1);
    HistoryEntry entry = callback.history().get(0);
    assertThat(entry.event()).isEqualTo("SCHEDULED");
    assertThat(entry.actor()).isEqualTo(ACTOR);
    assertThat(entry.at()).isEqualTo(clock.instant());
    assertThat(entry.detail()).contains("Sales").contains("Europe/Paris").contains("agent 7");
  }

  @Test
  void the_default_time_in_the_repeated_autumn_hour_is_not_refused_as_past() {
    // 02:45 CEST in Paris; now + 30 minutes is 02:15 CET, the second 02:15 of the night
    clock.set(Instant.parse("2026-10-25T00:45:00Z"));

    Callback callback = scheduleFrom(call(sales, ANI, parisAgent), schedule());

    assertThat(callback.time().instant()).isEqualTo(Instant.parse("2026-10-25T01:15:00Z"));
  }

  @Test
  void distinct_agents_are_told_apart_by_id() {
    // guards the fixtures: equality by id, as after loading from the database
    assertThat(withId(agent(9, PARIS, clock), 7)).isEqualTo(parisAgent);
    assertThat(agent(9, PARIS, clock)).isNotEqualTo(parisAgent);
  }
}
