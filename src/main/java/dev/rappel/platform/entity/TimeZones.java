package dev.rappel.platform.entity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Parses customer and agent time zones, which the product accepts only as IANA region ids. */
public final class TimeZones {
  private TimeZones() {}

  /**
   * An IANA zone id such as {@code Europe/Paris}; empty input means "not given". Fixed offsets
   * ({@code +02:00}, {@code UTC+2}) are refused: they do not follow daylight saving time, so a
   * callback promised in one would ring an hour off for half the year.
   */
  private static final List<String> IDS =
      List.copyOf(new java.util.TreeSet<>(ZoneId.getAvailableZoneIds()));

  /** Every IANA zone id, sorted: what the consoles offer in their searchable zone fields. */
  public static List<String> ids() {
    return IDS;
  }

  public static Optional<ZoneId> parseOptional(String id, String field) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String trimmed = id.trim();
    try {
      ZoneId zone = ZoneId.of(trimmed);
      if (zone instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone.getId())) {
        throw new RuleViolation(field, notIana(trimmed));
      }
      return Optional.of(zone);
    } catch (DateTimeException e) {
      throw new RuleViolation(field, notIana(trimmed));
    }
  }

  private static String notIana(String id) {
    return "'"
        + id
        + "' is not a known IANA time zone id; use a region such as Europe/Paris or"
        + " America/New_York.";
  }
}
