package dev.rappel.callback.boundary;

import dev.rappel.callback.control.SlotBookings;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.Queue;
import dev.rappel.queue.entity.SlotCapacity;
import dev.rappel.queue.entity.SlotCapacity.Slot;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Reads a queue's slots and the room left in each. */
@Stateless
public class QueueSlots {
  /** The longest range one request lists. */
  public static final Duration MAX_RANGE = Duration.ofDays(31);

  @PersistenceContext EntityManager em;

  @Inject SlotBookings slots;

  @Inject Clock clock;

  /** A queue's capacity (empty: no limit) and its slots in the range with what each holds. */
  public record Occupancy(Queue queue, Optional<SlotCapacity> capacity, Map<Slot, Long> taken) {}

  /**
   * The slots from the one holding {@code from} (default now) until {@code to} (default a day
   * later), at most {@link #MAX_RANGE} apart; none when the queue has no slot capacity.
   */
  public Occupancy list(long queueId, Optional<Instant> from, Optional<Instant> to) {
    Queue queue = em.find(Queue.class, queueId);
    if (queue == null) {
      throw new NotFound("queue", queueId);
    }
    Instant start = from.orElseGet(clock::instant);
    Instant end = to.orElse(start.plus(Duration.ofDays(1)));
    Violations violations = new Violations();
    if (!end.isAfter(start)) {
      violations.add("to", "must be after from (" + start + ").");
    } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      violations.add("to", "must be at most 31 days after from (" + start + ").");
    }
    violations.throwIfAny();
    Optional<SlotCapacity> capacity = queue.settings().slotCapacity();
    return new Occupancy(
        queue, capacity, capacity.map(c -> slots.occupancy(queue, c, start, end)).orElse(Map.of()));
  }
}
