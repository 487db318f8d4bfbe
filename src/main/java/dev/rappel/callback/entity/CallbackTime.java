package dev.rappel.callback.entity;

import dev.rappel.platform.entity.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a callback is due: an instant plus the customer's zone, and the product's window for it
 * (never in the past, at most 30 days ahead measured in the customer's zone).
 */
public record CallbackTime(Instant instant, ZoneId zone) {
  public static final int MAX_DAYS_AHEAD = 30;
  public static final int DEFAULT_MINUTES_AHEAD = 30;
  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  public CallbackTime {
    if (instant == null || zone == null) {
      throw new IllegalArgumentException("instant and zone are required");
    }
  }

  /**
   * What an agent typed, with the defaults of the product: today and now + 30 minutes in {@code
   * zone}. When both are missing the default moment is taken whole, so that at 23:45 the default is
   * tomorrow 00:15, not a time already past today.
   */
  public static CallbackTime fromAgentInput(
      Optional<LocalDate> date, Optional<LocalTime> time, ZoneId zone, Clock clock) {
    ZonedDateTime defaultMoment =
        ZonedDateTime.now(clock)
            .withZoneSameInstant(zone)
            .plusMinutes(DEFAULT_MINUTES_AHEAD)
            .truncatedTo(ChronoUnit.MINUTES);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (date.isEmpty() && time.isEmpty()) {
      // The instant itself: its local time may occur twice on a fall-back night.
      return new CallbackTime(defaultMoment.toInstant(), zone);
    }
    LocalDateTime local =
        LocalDateTime.of(date.orElse(today), time.orElse(defaultMoment.toLocalTime()).withNano(0));
    return atLocal(local, zone, "time");
  }

  /**
   * A local date and time in a zone. A time that does not exist there (skipped when clocks move
   * forward) is refused rather than silently shifted; a time that exists twice (clocks move back)
   * means its first occurrence.
   */
  public static CallbackTime atLocal(LocalDateTime local, ZoneId zone, String field) {
    ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null);
    if (!zoned.toLocalDateTime().equals(local)) {
      var transition = zone.getRules().getTransition(local);
      LocalTime firstValid =
          transition != null ? transition.getDateTimeAfter().toLocalTime() : zoned.toLocalTime();
      throw new RuleViolation(
          field,
          local.format(READABLE)
              + " does not exist in "
              + zone.getId()
              + ": the clocks move forward that night. Choose "
              + firstValid
              + " or later.");
    }
    return new CallbackTime(zoned.toInstant(), zone);
  }

  /** Refuses a time in the past or further ahead than 30 days (in the customer's zone). */
  public CallbackTime requireWithinWindow(Clock clock, String field) {
    return requireWithinWindow(clock.instant(), field);
  }

  /** As {@link #requireWithinWindow(Clock, String)} against an instant already read. */
  public CallbackTime requireWithinWindow(Instant now, String field) {
    if (instant.isBefore(now)) {
      throw new RuleViolation(
          field,
          "The callback time "
              + describe()
              + " is in the past; it is now "
              + now.atZone(zone).format(READABLE)
              + " there.");
    }
    ZonedDateTime latest = latestFrom(now, zone);
    if (instant.isAfter(latest.toInstant())) {
      throw new RuleViolation(
          field,
          "A callback can be scheduled at most "
              + MAX_DAYS_AHEAD
              + " days ahead, that is until "
              + latest.format(READABLE)
              + " "
              + zone.getId()
              + ".");
    }
    return this;
  }

  /** The latest moment a callback may be scheduled for: 30 days ahead in the customer's zone. */
  public static ZonedDateTime latestFrom(Instant now, ZoneId zone) {
    return now.atZone(zone).plusDays(MAX_DAYS_AHEAD);
  }

  /** The same instant shown in the customer's zone. */
  public OffsetDateTime customerLocalTime() {
    return instant.atZone(zone).toOffsetDateTime();
  }

  public OffsetDateTime localTimeIn(ZoneId other) {
    return instant.atZone(other).toOffsetDateTime();
  }

  public CallbackTime inZone(ZoneId other) {
    return new CallbackTime(instant, other);
  }

  public String describe() {
    return instant.atZone(zone).format(READABLE) + " " + zone.getId();
  }
}
