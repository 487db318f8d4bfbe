package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class BacklogTest {

  private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z", "UTC");

  private Backlog.Pending step(long callback, int sequence) {
    return new Backlog.Pending(
        new OutboxEvent(callback, sequence, clock.instant()),
        new CallbackChanged(
            "cb-" + callback + "-" + sequence,
            callback,
            sequence,
            clock.instant(),
            "SCHEDULED",
            "system",
            null,
            "SCHEDULED",
            1,
            null,
            null,
            null,
            null,
            Set.of(),
            "test"));
  }

  /** A subscriber that keeps the ids it was offered and refuses those {@code refuses} names. */
  private static final class Subscriber implements Predicate<CallbackChanged> {
    final List<String> offered = new ArrayList<>();
    final Set<String> refused;

    Subscriber(String... refuses) {
      refused = Set.of(refuses);
    }

    @Override
    public boolean test(CallbackChanged event) {
      offered.add(event.eventId());
      return !refused.contains(event.eventId());
    }
  }

  private static List<String> ids(List<Backlog.Pending> lane) {
    return lane.stream().map(p -> p.event().eventId()).toList();
  }

  @Test
  void a_callbacks_events_are_offered_in_the_order_of_its_history_even_when_read_out_of_order() {
    Backlog backlog = Backlog.at(clock.instant(), List.of(step(1, 3), step(1, 1), step(1, 2)));
    Subscriber subscriber = new Subscriber();

    backlog.send(subscriber, () -> true);

    assertThat(subscriber.offered).containsExactly("cb-1-1", "cb-1-2", "cb-1-3");
  }

  @Test
  void a_refused_event_holds_back_the_later_events_of_its_callback_and_no_others() {
    Backlog backlog =
        Backlog.at(
            clock.instant(), List.of(step(1, 1), step(1, 2), step(1, 3), step(2, 1), step(2, 2)));
    Subscriber subscriber = new Subscriber("cb-1-2");

    Backlog.Sent sent = backlog.send(subscriber, () -> true);

    assertThat(subscriber.offered).containsExactly("cb-1-1", "cb-1-2", "cb-2-1", "cb-2-2");
    assertThat(sent.complete()).isTrue();
    assertThat(sent.taken().entrySet())
        .extracting(e -> e.getKey().event().eventId() + "=" + e.getValue())
        .containsExactly("cb-1-1=true", "cb-1-2=false", "cb-2-1=true", "cb-2-2=true");
  }

  @Test
  void a_callback_whose_first_event_waits_for_its_retry_is_left_out_whole_while_others_flow() {
    Backlog.Pending refused = step(1, 2);
    refused.row().refused(clock.instant());
    List<Backlog.Pending> pending = List.of(refused, step(1, 3), step(2, 1));

    Backlog backlog = Backlog.at(clock.instant(), pending);

    assertThat(backlog.lanes()).extracting(BacklogTest::ids).containsExactly(List.of("cb-2-1"));
  }

  @Test
  void a_held_back_callback_goes_again_at_the_exact_instant_of_its_retry_in_order() {
    Backlog.Pending refused = step(1, 2);
    refused.row().refused(clock.instant());
    List<Backlog.Pending> pending = List.of(step(1, 3), refused);

    clock.advance(Duration.ofSeconds(2).minusMillis(1));
    assertThat(Backlog.at(clock.instant(), pending).lanes()).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(Backlog.at(clock.instant(), pending).lanes())
        .extracting(BacklogTest::ids)
        .containsExactly(List.of("cb-1-2", "cb-1-3"));
  }

  @Test
  void a_pass_ends_after_three_refusals_in_a_row_and_leaves_the_rest_untried() {
    Backlog backlog =
        Backlog.at(clock.instant(), List.of(step(1, 1), step(2, 1), step(3, 1), step(4, 1)));
    Subscriber down = new Subscriber("cb-1-1", "cb-2-1", "cb-3-1", "cb-4-1");

    Backlog.Sent sent = backlog.send(down, () -> true);

    assertThat(down.offered).containsExactly("cb-1-1", "cb-2-1", "cb-3-1");
    assertThat(sent.complete()).isFalse();
  }

  @Test
  void a_taken_event_between_refusals_keeps_the_pass_going() {
    Backlog backlog =
        Backlog.at(
            clock.instant(),
            List.of(step(1, 1), step(2, 1), step(3, 1), step(4, 1), step(5, 1), step(6, 1)));
    Subscriber subscriber = new Subscriber("cb-1-1", "cb-2-1", "cb-4-1", "cb-5-1");

    Backlog.Sent sent = backlog.send(subscriber, () -> true);

    assertThat(subscriber.offered).hasSize(6);
    assertThat(sent.complete()).isTrue();
  }

  @Test
  void a_pass_told_to_stop_offers_nothing_more_and_says_it_is_incomplete() {
    Backlog backlog = Backlog.at(clock.instant(), List.of(step(1, 1), step(1, 2), step(2, 1)));
    Subscriber subscriber = new Subscriber();
    int[] room = {2};

    Backlog.Sent sent = backlog.send(subscriber, () -> room[0]-- > 0);

    assertThat(subscriber.offered).containsExactly("cb-1-1", "cb-1-2");
    assertThat(sent.complete()).isFalse();
  }
}
