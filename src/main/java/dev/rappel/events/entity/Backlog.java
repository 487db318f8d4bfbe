package dev.rappel.events.entity;

import dev.rappel.callback.entity.CallbackChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Webhook events waiting to go out, in lanes: one per callback, in the order of its history. A
 * callback's events go out one after the other, so a subscriber sees them in order; the first one
 * it refuses holds back the rest of that callback's events (they would overtake it) and nothing
 * else.
 */
public final class Backlog {

  /**
   * Refusals in a row, from as many callbacks, after which a pass ends: the subscriber is down or
   * struggling, and the untried events wait for the next pass instead of each being tried now.
   */
  static final int REFUSALS_IN_A_ROW = 3;

  /** One event waiting: its outbox row and the step it carries. */
  public record Pending(OutboxEvent row, CallbackChanged event) {}

  /**
   * What a pass did: whether the subscriber took each event it was offered (in the order offered),
   * and whether every lane was offered all it could be (false when the pass ended early: time ran
   * out or the subscriber refused too many in a row).
   */
  public record Sent(Map<Pending, Boolean> taken, boolean complete) {}

  private final List<List<Pending>> lanes;

  private Backlog(List<List<Pending>> lanes) {
    this.lanes = lanes;
  }

  /**
   * The pending events that may go out at {@code now}, by callback (in the order the callbacks
   * first appear), each callback's in the order of its history. A callback whose first pending
   * event waits for a retry is left out whole.
   */
  public static Backlog at(Instant now, List<Pending> pending) {
    Map<Long, List<Pending>> byCallback = new LinkedHashMap<>();
    for (Pending event : pending) {
      byCallback.computeIfAbsent(event.row().callbackId(), id -> new ArrayList<>()).add(event);
    }
    List<List<Pending>> lanes = new ArrayList<>();
    for (List<Pending> lane : byCallback.values()) {
      lane.sort(Comparator.comparingInt(event -> event.row().sequence()));
      if (lane.get(0).row().maySendAt(now)) {
        lanes.add(List.copyOf(lane));
      }
    }
    return new Backlog(List.copyOf(lanes));
  }

  public List<List<Pending>> lanes() {
    return lanes;
  }

  /**
   * Offers each lane's events to the subscriber in order, a lane up to its first refusal, while
   * {@code goOn} allows (asked before each event).
   */
  public Sent send(Predicate<CallbackChanged> subscriber, BooleanSupplier goOn) {
    Map<Pending, Boolean> taken = new LinkedHashMap<>();
    int refusedInARow = 0;
    for (List<Pending> lane : lanes) {
      for (Pending event : lane) {
        if (!goOn.getAsBoolean()) {
          return new Sent(taken, false);
        }
        boolean took = subscriber.test(event.event());
        taken.put(event, took);
        if (!took) {
          refusedInARow++;
          if (refusedInARow == REFUSALS_IN_A_ROW) {
            return new Sent(taken, false);
          }
          break; // the rest of this callback waits for this one
        }
        refusedInARow = 0;
      }
    }
    return new Sent(taken, true);
  }
}
