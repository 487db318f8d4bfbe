package dev.rappel.callback.control;

import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.platform.entity.RefusedTime;
import dev.rappel.platform.entity.SuggestedTime;
import dev.rappel.queue.entity.Queue;
import dev.rappel.queue.entity.SlotCapacity;
import dev.rappel.queue.entity.SlotCapacity.Slot;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Slots with room: how many callbacks still to come each slot of a queue holds, and the refusal of
 * a booking into a full one.
 *
 * <p>Exact under concurrent bookings, also across server instances sharing one database: a booking
 * into a queue with a slot capacity first locks that queue's row ({@code SELECT ... FOR UPDATE}),
 * then counts. Every booking of that queue takes the same lock before counting, so counts and
 * inserts of one queue follow one another, and each count (a new statement, at read committed on
 * both Derby and PostgreSQL) sees every booking committed before it. Counting the callbacks
 * themselves, rather than keeping a counter per slot, needs no bookkeeping when a callback leaves
 * its slot (rescheduled, canceled, ended): it simply no longer matches. The lock is held only by
 * bookings into queues that have a capacity, until their transaction ends.
 */
@Dependent
public class SlotBookings {
  /** How many slots with room a refusal suggests. */
  public static final int SUGGESTIONS = 3;

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /**
   * Refuses a booking into a full slot with 422 on {@code timeField} and the next slots with room,
   * nearest first, each at a time {@code firstLawfulAtOrAfter} allows (the calling hours), within
   * the booking window. Nothing to do on a queue without a slot capacity.
   */
  public void requireRoom(
      Callback callback,
      String timeField,
      Function<Instant, Optional<Instant>> firstLawfulAtOrAfter) {
    Queue queue = callback.queue();
    Optional<SlotCapacity> capacity = queue.settings().slotCapacity();
    if (capacity.isEmpty()) {
      return;
    }
    em.lock(queue, LockModeType.PESSIMISTIC_WRITE);
    Instant at = callback.time().instant();
    Slot slot = capacity.get().slotOf(at);
    long taken = count(queue, slot.start(), slot.end(), callback.id());
    if (capacity.get().hasRoom(taken)) {
      return;
    }
    ZoneId zone = callback.time().zone();
    Instant now = clock.instant();
    Instant latest = CallbackTime.latestFrom(now, zone).toInstant();
    List<SuggestedTime> suggestions =
        nextWithRoom(
                queue,
                capacity.get(),
                slot.end(),
                now,
                latest,
                callback.id(),
                SUGGESTIONS,
                firstLawfulAtOrAfter)
            .stream()
            .map(i -> SuggestedTime.of(i, zone))
            .toList();
    throw new RefusedTime(
        timeField,
        "The slot of "
            + callback.time().describe()
            + " is full: queue '"
            + queue.name()
            + "' takes "
            + capacity.get().describe()
            + "."
            + (suggestions.isEmpty()
                ? " No slot has room within the booking window."
                : " Next free: "
                    + suggestions.stream()
                        .map(t -> t.customerLocalTime().substring(0, 16).replace('T', ' '))
                        .collect(Collectors.joining(", "))
                    + " (suggestedAt)."),
        suggestions);
  }

  /**
   * The times a callback may move to from {@code from} until {@code to}, at most {@code limit}: the
   * first time {@code firstLawfulAtOrAfter} allows in each slot with room, starting on a slot's
   * start, never before now (its own place does not count). Without a slot capacity, every lawful
   * half hour.
   */
  public List<Instant> freeTimes(
      Callback callback,
      Instant from,
      Instant to,
      int limit,
      Function<Instant, Optional<Instant>> firstLawfulAtOrAfter) {
    Instant now = clock.instant();
    Optional<SlotCapacity> capacity = callback.queue().settings().slotCapacity();
    SlotCapacity grid = capacity.orElse(new SlotCapacity(30, SlotCapacity.MAX_CALLBACKS));
    Instant start = from.isBefore(now) ? now : from;
    Slot first = grid.slotOf(start);
    if (first.start().isBefore(start)) {
      start = first.end(); // a time a person would choose: on the grid
    }
    if (capacity.isEmpty()) {
      return grid.nextWithRoom(Map.of(), start, to, limit, firstLawfulAtOrAfter);
    }
    return nextWithRoom(
        callback.queue(), grid, start, now, to, callback.id(), limit, firstLawfulAtOrAfter);
  }

  private List<Instant> nextWithRoom(
      Queue queue,
      SlotCapacity capacity,
      Instant from,
      Instant now,
      Instant latest,
      Long self,
      int limit,
      Function<Instant, Optional<Instant>> firstLawfulAtOrAfter) {
    Instant start = from.isBefore(now) ? now : from;
    Map<Instant, Long> taken = takenPerSlot(queue, capacity, start, latest, self);
    return capacity.nextWithRoom(taken, start, latest, limit, firstLawfulAtOrAfter);
  }

  /** Each slot from {@code from} to {@code to} with the callbacks still to come it holds. */
  public Map<Slot, Long> occupancy(Queue queue, SlotCapacity capacity, Instant from, Instant to) {
    Map<Instant, Long> taken = takenPerSlot(queue, capacity, from, to, null);
    Map<Slot, Long> slots = new LinkedHashMap<>();
    for (Slot slot : capacity.slotsBetween(from, to)) {
      slots.put(slot, taken.getOrDefault(slot.start(), 0L));
    }
    return slots;
  }

  private Map<Instant, Long> takenPerSlot(
      Queue queue, SlotCapacity capacity, Instant from, Instant to, Long self) {
    Slot first = capacity.slotOf(from);
    return times(queue, first.start(), capacity.slotOf(to).end(), self).stream()
        .collect(Collectors.groupingBy(t -> capacity.slotOf(t).start(), Collectors.counting()));
  }

  private long count(Queue queue, Instant from, Instant to, Long self) {
    return times(queue, from, to, self).size();
  }

  /** When the callbacks still to come of the queue are due in {@code [from, to)}, but self. */
  private List<Instant> times(Queue queue, Instant from, Instant to, Long self) {
    return em.createQuery(
            "SELECT c.scheduledAt FROM Callback c WHERE c.queue = :queue AND c.state IN :states"
                + " AND c.scheduledAt >= :from AND c.scheduledAt < :to AND c.id <> :self",
            Instant.class)
        .setParameter("queue", queue)
        .setParameter("states", CallbackState.WAITING)
        .setParameter("from", from)
        .setParameter("to", to)
        .setParameter("self", self == null ? -1L : self)
        // the callback being booked is left out anyway; its pending change is written later,
        // where a concurrent change to it is told apart (Callbacks.writeNow)
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
  }

  /** A slot's start for messages, in a zone. */
  public static String local(Instant at, ZoneId zone) {
    return at.atZone(zone).format(READABLE);
  }
}
