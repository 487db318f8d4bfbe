package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.RuleViolation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  @Test
  void no_events_and_no_queues_means_every_event_of_every_queue() {
    EventFilter all = EventFilter.of(null, List.of());

    assertThat(all.matches("QUEUED", 1)).isTrue();
    assertThat(all.matches("COMPLETED", 99)).isTrue();
  }

  @Test
  void only_the_named_events_of_the_named_queues_pass() {
    EventFilter filter = EventFilter.of(List.of("QUEUED", "COMPLETED"), List.of(3L, 4L));

    assertThat(filter.matches("QUEUED", 3)).isTrue();
    assertThat(filter.matches("COMPLETED", 4)).isTrue();
    assertThat(filter.matches("OFFERED", 3)).isFalse();
    assertThat(filter.matches("QUEUED", 5)).isFalse();
  }

  @Test
  void events_alone_or_queues_alone_limit_only_what_they_name() {
    assertThat(EventFilter.of(List.of("QUEUED"), null).matches("QUEUED", 42)).isTrue();
    assertThat(EventFilter.of(null, List.of(7L)).matches("ANYTHING_ELSE", 7)).isTrue();
    assertThat(EventFilter.of(null, List.of(7L)).matches("QUEUED", 8)).isFalse();
  }

  @Test
  void names_not_of_the_history_form_and_ids_that_are_not_ids_are_refused_field_by_field() {
    assertThatThrownBy(
            () -> EventFilter.of(Arrays.asList("queued", null, "QUEUED"), Arrays.asList(0L, null)))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v ->
                assertThat(v.errors())
                    .extracting(e -> e.field())
                    .containsExactly("events", "events", "queueIds", "queueIds"));
  }

  @Test
  void it_reads_back_as_it_was_stored() {
    EventFilter filter = EventFilter.of(List.of("QUEUED", "COMPLETED"), List.of(4L, 3L));

    assertThat(EventFilter.fromColumns(filter.eventsColumn(), filter.queueIdsColumn()))
        .isEqualTo(filter);
    assertThat(EventFilter.fromColumns("", "")).isEqualTo(EventFilter.ALL);
  }
}
