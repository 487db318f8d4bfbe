package dev.rappel.compliance.entity;

import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When a queue may call: local intervals per day of the week, and dates on which it never calls. A
 * day without intervals is closed. Local times are read in the destination's zone, so the same
 * hours mean 08:00 in Paris for a Paris number and 08:00 in New York for a New York one, across
 * changes of the clocks.
 */
public final class CallingHours {
  /** How far ahead an opening is looked for: beyond that, the hours are taken as always closed. */
  static final int SEARCH_DAYS = 400;

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private final Map<DayOfWeek, List<Interval>> days;
  private final SortedSet<LocalDate> closedDates;

  public CallingHours(Map<DayOfWeek, List<Interval>> days, Iterable<LocalDate> closedDates) {
    EnumMap<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
    days.forEach(
        (day, intervals) -> {
          if (intervals != null && !intervals.isEmpty()) {
            List<Interval> sorted = new ArrayList<>(intervals);
            sorted.sort(Comparator.comparing(Interval::from));
            copy.put(day, List.copyOf(sorted));
          }
        });
    this.days = Collections.unmodifiableMap(copy);
    TreeSet<LocalDate> dates = new TreeSet<>();
    closedDates.forEach(dates::add);
    this.closedDates = Collections.unmodifiableSortedSet(dates);
  }

  /** The admin console's preset: the same interval every day of the week. */
  public static CallingHours everyDay(LocalTime from, LocalTime to) {
    Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(day, List.of(new Interval(from, to)));
    }
    return new CallingHours(days, List.of());
  }

  /**
   * Reads what an administrator typed ({@code "MONDAY" → [["08:00", "21:00"]]}, dates as {@code
   * YYYY-MM-DD}), reporting every bad day name, time, interval and date under {@code field}.
   */
  public static CallingHours parse(
      Map<String, List<String[]>> days, List<String> closedDates, String field) {
    Violations violations = new Violations();
    Map<DayOfWeek, List<Interval>> parsed = new EnumMap<>(DayOfWeek.class);
    if (days != null) {
      days.forEach(
          (name, intervals) -> {
            String dayField = field + ".days." + name;
            DayOfWeek day;
            try {
              day = DayOfWeek.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              violations.add(
                  field + ".days",
                  "'" + name + "' is not a day of the week; use MONDAY to SUNDAY.");
              return;
            }
            List<Interval> list = new ArrayList<>();
            int i = 0;
            for (String[] fromTo : intervals == null ? List.<String[]>of() : intervals) {
              String at = dayField + "[" + i++ + "]";
              LocalTime from = violations.check(() -> time(fromTo[0], at + ".from"));
              LocalTime to = violations.check(() -> time(fromTo[1], at + ".to"));
              if (from != null && to != null) {
                if (!from.isBefore(to)) {
                  violations.add(at, "'from' (" + from + ") must be before 'to' (" + to + ").");
                } else {
                  list.add(new Interval(from, to));
                }
              }
            }
            parsed.put(day, list);
          });
    }
    List<LocalDate> dates = new ArrayList<>();
    int i = 0;
    for (String date : closedDates == null ? List.<String>of() : closedDates) {
      String at = field + ".closedDates[" + i++ + "]";
      try {
        dates.add(LocalDate.parse(String.valueOf(date)));
      } catch (DateTimeParseException e) {
        violations.add(at, "'" + date + "' is not a date (YYYY-MM-DD).");
      }
    }
    violations.throwIfAny();
    return new CallingHours(parsed, dates);
  }

  private static LocalTime time(String text, String field) {
    if (text == null || !text.matches("\\d{2}:\\d{2}")) {
      throw new RuleViolation(field, "'" + text + "' is not a time of day (HH:mm, e.g. 08:00).");
    }
    try {
      return LocalTime.parse(text, HH_MM);
    } catch (DateTimeParseException e) {
      throw new RuleViolation(field, "'" + text + "' is not a time of day (HH:mm, e.g. 08:00).");
    }
  }

  /** Whether a local date and time is inside the hours. */
  public boolean allowsLocal(LocalDateTime local) {
    if (closedDates.contains(local.toLocalDate())) {
      return false;
    }
    return intervalsOn(local.toLocalDate()).stream()
        .anyMatch(interval -> interval.contains(local.toLocalTime()));
  }

  /** Whether an instant is inside the hours in a zone. */
  public boolean allows(Instant at, ZoneId zone) {
    return allowsLocal(LocalDateTime.ofInstant(at, zone));
  }

  /**
   * Whether an instant is inside the hours in every one of the zones: the strictest reading when a
   * number may ring in several.
   */
  public boolean allowsEverywhere(Instant at, List<ZoneId> zones) {
    return zones.stream().allMatch(zone -> allows(at, zone));
  }

  /** The first instant at or after {@code from} inside the hours in the zone; empty if none. */
  public Optional<Instant> nextOpening(Instant from, ZoneId zone) {
    LocalDate start = LocalDate.ofInstant(from, zone);
    for (int d = 0; d <= SEARCH_DAYS; d++) {
      LocalDate date = start.plusDays(d);
      if (closedDates.contains(date)) {
        continue;
      }
      for (Interval interval : intervalsOn(date)) {
        Instant opens = at(date, interval.from(), zone);
        Instant closes = at(date, interval.to(), zone);
        if (!closes.isBefore(from)) {
          return Optional.of(opens.isAfter(from) ? opens : from);
        }
      }
    }
    return Optional.empty();
  }

  /** The last instant at or before {@code until} inside the hours in the zone; empty if none. */
  public Optional<Instant> lastOpenAtOrBefore(Instant until, ZoneId zone) {
    LocalDate start = LocalDate.ofInstant(until, zone);
    for (int d = 0; d <= SEARCH_DAYS; d++) {
      LocalDate date = start.minusDays(d);
      if (closedDates.contains(date)) {
        continue;
      }
      List<Interval> intervals = new ArrayList<>(intervalsOn(date));
      Collections.reverse(intervals);
      for (Interval interval : intervals) {
        Instant opens = at(date, interval.from(), zone);
        Instant closes = at(date, interval.to(), zone);
        if (!opens.isAfter(until)) {
          return Optional.of(closes.isBefore(until) ? closes : until);
        }
      }
    }
    return Optional.empty();
  }

  /** The first instant at or after {@code from} inside the hours in every zone; empty if none. */
  public Optional<Instant> nextOpeningEverywhere(Instant from, List<ZoneId> zones) {
    Instant candidate = from;
    Instant horizon = from.plus(java.time.Duration.ofDays(SEARCH_DAYS));
    while (!candidate.isAfter(horizon)) {
      Instant moved = candidate;
      for (ZoneId zone : zones) {
        Optional<Instant> opening = nextOpening(moved, zone);
        if (opening.isEmpty()) {
          return Optional.empty();
        }
        moved = opening.get();
      }
      if (moved.equals(candidate)) {
        return Optional.of(candidate); // open in every zone at once
      }
      candidate = moved;
    }
    return Optional.empty();
  }

  /** The last instant at or before {@code until} inside the hours in every zone; empty if none. */
  public Optional<Instant> lastOpenEverywhereAtOrBefore(Instant until, List<ZoneId> zones) {
    Instant candidate = until;
    Instant horizon = until.minus(java.time.Duration.ofDays(SEARCH_DAYS));
    while (!candidate.isBefore(horizon)) {
      Instant moved = candidate;
      for (ZoneId zone : zones) {
        Optional<Instant> open = lastOpenAtOrBefore(moved, zone);
        if (open.isEmpty()) {
          return Optional.empty();
        }
        moved = open.get();
      }
      if (moved.equals(candidate)) {
        return Optional.of(candidate);
      }
      candidate = moved;
    }
    return Optional.empty();
  }

  /**
   * A local time on a date in a zone; a time the clocks skip that night means the first instant
   * after the gap, so an opening at a skipped time opens when the clocks resume.
   */
  private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
    return ZonedDateTime.ofLocal(date.atTime(time), zone, null).toInstant();
  }

  private List<Interval> intervalsOn(LocalDate date) {
    return days.getOrDefault(date.getDayOfWeek(), List.of());
  }

  public Map<DayOfWeek, List<Interval>> days() {
    return days;
  }

  public SortedSet<LocalDate> closedDates() {
    return closedDates;
  }

  /** For people: "MONDAY 08:00–21:00; SATURDAY 09:00–18:00; closed 2026-12-25". */
  public String describe() {
    String week =
        days.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + " "
                        + e.getValue().stream()
                            .map(Interval::toString)
                            .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("; "));
    String closed =
        closedDates.isEmpty()
            ? ""
            : "; closed "
                + closedDates.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
    return (week.isEmpty() ? "never" : week) + closed;
  }

  /**
   * For the agent's page: days with the same intervals run together, closed dates from {@code from}
   * on ("Mon–Fri 08:00–21:00, Sat 09:00–18:00; closed 2026-12-25").
   */
  public String summary(LocalDate from) {
    List<String> runs = new ArrayList<>();
    DayOfWeek[] week = DayOfWeek.values();
    int i = 0;
    while (i < week.length) {
      List<Interval> intervals = days.get(week[i]);
      int end = i;
      while (end + 1 < week.length
          && intervals != null
          && intervals.equals(days.get(week[end + 1]))) {
        end++;
      }
      if (intervals != null) {
        String span =
            end == i ? shortName(week[i]) : shortName(week[i]) + "–" + shortName(week[end]);
        runs.add(
            span
                + " "
                + intervals.stream().map(Interval::toString).collect(Collectors.joining(" and ")));
      }
      i = end + 1;
    }
    List<String> closed = closedDates.tailSet(from).stream().map(LocalDate::toString).toList();
    return (runs.isEmpty() ? "never" : String.join(", ", runs))
        + (closed.isEmpty() ? "" : "; closed " + String.join(", ", closed));
  }

  private static String shortName(DayOfWeek day) {
    return day.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CallingHours hours
        && hours.days.equals(days)
        && hours.closedDates.equals(closedDates);
  }

  @Override
  public int hashCode() {
    return days.hashCode() * 31 + closedDates.hashCode();
  }
}
