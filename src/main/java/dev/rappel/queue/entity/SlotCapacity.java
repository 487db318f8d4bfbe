package dev.rappel.queue.entity;

import dev.rappel.platform.entity.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A queue's limit on callbacks per time slot: slots of {@code slotMinutes} (15, 30 or 60), aligned
 * on that length in UTC, each holding at most {@code maxCallbacks} callbacks still to come.
 */
public record SlotCapacity(int slotMinutes, int maxCallbacks) {
  public static final Set<Integer> SLOT_LENGTHS = Set.of(15, 30, 60);
  public static final int MAX_CALLBACKS = 10_000;
  static final String FIELD = "callbackSettings.slotCapacity";

  public SlotCapacity {
    Violations violations = new Violations();
    if (!SLOT_LENGTHS.contains(slotMinutes)) {
      violations.add(FIELD + ".slotMinutes", "must be 15, 30 or 60, was " + slotMinutes + ".");
    }
    if (maxCallbacks < 1 || maxCallbacks > MAX_CALLBACKS) {
      violations.add(
          FIELD + ".maxCallbacks",
          "must be between 1 and " + MAX_CALLBACKS + ", was " + maxCallbacks + ".");
    }
    violations.throwIfAny();
  }

  /** Both columns set, or none (off); anything else reads as off. */
  public static Optional<SlotCapacity> of(Integer slotMinutes, Integer maxCallbacks) {
    return slotMinutes == null || maxCallbacks == null
        ? Optional.empty()
        : Optional.of(new SlotCapacity(slotMinutes, maxCallbacks));
  }

  public Duration length() {
    return Duration.ofMinutes(slotMinutes);
  }

  /** The slot {@code at} falls in: slots start on multiples of their length since the epoch. */
  public Slot slotOf(Instant at) {
    long size = length().toMillis();
    long start = Math.floorDiv(at.toEpochMilli(), size) * size;
    Instant from = Instant.ofEpochMilli(start);
    return new Slot(from, from.plus(length()));
  }

  /**
   * The slots from the one holding {@code from} up to (excluding) the one starting at {@code to}.
   */
  public List<Slot> slotsBetween(Instant from, Instant to) {
    List<Slot> slots = new ArrayList<>();
    for (Slot slot = slotOf(from); slot.start().isBefore(to); slot = slot.next()) {
      slots.add(slot);
    }
    return slots;
  }

  /** Whether a slot holding {@code taken} callbacks can take one more. */
  public boolean hasRoom(long taken) {
    return taken < maxCallbacks;
  }

  public long free(long taken) {
    return Math.max(0, maxCallbacks - taken);
  }

  /**
   * The first instants, one per slot, of the slots with room from {@code start} on (nearest first),
   * each the first time {@code firstLawfulAtOrAfter} allows within its slot, none after {@code
   * latest}; at most {@code limit}.
   *
   * @param taken how many callbacks each slot holds, by the slot's start (absent: none)
   */
  public List<Instant> nextWithRoom(
      Map<Instant, Long> taken,
      Instant start,
      Instant latest,
      int limit,
      Function<Instant, Optional<Instant>> firstLawfulAtOrAfter) {
    List<Instant> found = new ArrayList<>();
    Slot slot = slotOf(start);
    while (found.size() < limit && !slot.start().isAfter(latest)) {
      Instant candidate = slot.start().isBefore(start) ? start : slot.start();
      Optional<Instant> lawful = firstLawfulAtOrAfter.apply(candidate);
      if (lawful.isEmpty() || lawful.get().isAfter(latest)) {
        break;
      }
      if (!slot.contains(lawful.get())) {
        slot = slotOf(lawful.get()); // closed until then: go straight to that slot
        continue;
      }
      if (hasRoom(taken.getOrDefault(slot.start(), 0L))) {
        found.add(lawful.get());
      }
      slot = slot.next();
    }
    return found;
  }

  public String describe() {
    return "at most " + maxCallbacks + " callback(s) per " + slotMinutes + "-minute slot";
  }

  /** One slot: {@code [start, end)}. */
  public record Slot(Instant start, Instant end) {
    public boolean contains(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }

    public Slot next() {
      return new Slot(end, end.plus(Duration.between(start, end)));
    }
  }
}
