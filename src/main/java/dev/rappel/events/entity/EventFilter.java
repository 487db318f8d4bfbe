package dev.rappel.events.entity;

import dev.rappel.platform.entity.Violations;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which events a webhook subscription receives: those named in {@code events} (none named: every
 * event) of callbacks in {@code queueIds} (none: every queue). An event belongs to the queue its
 * callback was in when the step was recorded.
 */
public record EventFilter(Set<String> events, Set<Long> queueIds) {
  /** Every event of every queue. */
  public static final EventFilter ALL = new EventFilter(Set.of(), Set.of());

  /** The most events or queues one subscription names: it is a filter, not a list of records. */
  public static final int MAX_ENTRIES = 50;

  /** History event names: upper case and underscores, as the callback history writes them. */
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

  public EventFilter {
    events = Set.copyOf(events);
    queueIds = Set.copyOf(queueIds);
  }

  /**
   * The filter an admin asked for, checked: event names of the form history events have (upper
   * case, e.g. {@code QUEUED}), queue ids that are ids; null lists mean all.
   *
   * @throws dev.rappel.platform.entity.RuleViolation naming {@code events} or {@code queueIds}
   */
  public static EventFilter of(Collection<String> events, Collection<Long> queueIds) {
    Violations violations = new Violations();
    Set<String> names = new TreeSet<>();
    for (String name : events == null ? List.<String>of() : events) {
      if (name == null || !EVENT_NAME.matcher(name).matches()) {
        violations.add(
            "events",
            "'"
                + name
                + "' is not an event name: use the history's event names, e.g. QUEUED or"
                + " COMPLETED.");
      } else {
        names.add(name);
      }
    }
    Set<Long> queues = new TreeSet<>();
    for (Long queue : queueIds == null ? List.<Long>of() : queueIds) {
      if (queue == null || queue < 1) {
        violations.add("queueIds", "holds queue ids, not " + queue + ".");
      } else {
        queues.add(queue);
      }
    }
    if (names.size() > MAX_ENTRIES) {
      violations.add("events", "names at most " + MAX_ENTRIES + " events (none: every event).");
    }
    if (queues.size() > MAX_ENTRIES) {
      violations.add("queueIds", "names at most " + MAX_ENTRIES + " queues (none: every queue).");
    }
    violations.throwIfAny();
    return new EventFilter(names, queues);
  }

  /**
   * Whether the step {@code event} of a callback in queue {@code queueId} goes to the subscriber.
   */
  public boolean matches(String event, long queueId) {
    return (events.isEmpty() || events.contains(event))
        && (queueIds.isEmpty() || queueIds.contains(queueId));
  }

  /** As stored: comma-separated, sorted. */
  String eventsColumn() {
    return String.join(",", new TreeSet<>(events));
  }

  String queueIdsColumn() {
    return new TreeSet<>(queueIds).stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** As read back from the columns. */
  public static EventFilter fromColumns(String events, String queueIds) {
    return new EventFilter(
        split(events).collect(Collectors.toSet()),
        split(queueIds).map(Long::valueOf).collect(Collectors.toSet()));
  }

  private static java.util.stream.Stream<String> split(String column) {
    return column == null || column.isBlank()
        ? java.util.stream.Stream.empty()
        : Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty());
  }
}
