package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parses the text fields of requests (enums, dates, times, instants, numbers in query strings) with
 * an error that names the field and the expected form, so a typo is a 422 a person can fix, not a
 * 400 or a 404.
 */
public final class Inputs {
  // STRICT: "24:00" is refused rather than read as the midnight that starts the day.
  private static final DateTimeFormatter HH_MM =
      DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

  private Inputs() {}

  public static <E extends Enum<E>> Optional<E> enumValue(String raw, Class<E> type, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      String allowed =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      throw RuleViolation.unreadable(field, "'" + raw + "' is not one of " + allowed + ".");
    }
  }

  public static <E extends Enum<E>> E requiredEnum(String raw, Class<E> type, String field) {
    return enumValue(raw, type, field).orElseThrow(() -> new RuleViolation(field, "is required."));
  }

  public static Optional<LocalDate> date(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(raw.trim()));
    } catch (DateTimeParseException e) {
      throw new RuleViolation(field, "'" + raw + "' is not a date of the form YYYY-MM-DD.");
    }
  }

  public static Optional<LocalTime> time(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.parse(raw.trim(), HH_MM));
    } catch (DateTimeParseException e) {
      throw new RuleViolation(field, "'" + raw + "' is not a time of the form HH:mm (24 hours).");
    }
  }

  /** An RFC 3339 instant; the offset is required so that the moment is not ambiguous. */
  public static Optional<Instant> instant(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(raw.trim()).toInstant());
    } catch (DateTimeParseException e) {
      throw new RuleViolation(
          field,
          "'"
              + raw
              + "' is not an RFC 3339 date-time with an offset, such as"
              + " 2026-03-29T14:00:00+02:00 or 2026-03-29T12:00:00Z.");
    }
  }

  public static Optional<Long> id(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.trim()));
    } catch (NumberFormatException e) {
      throw new RuleViolation(field, "'" + raw + "' is not an id (a whole number).");
    }
  }

  public static int intInRange(String raw, int fallback, int min, int max, String field) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw new RuleViolation(field, "must be between " + min + " and " + max + ".");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new RuleViolation(field, "'" + raw + "' is not a whole number.");
    }
  }

  /**
   * The version an {@code If-Match} header names, as the ETag a read returned ({@code "7"}); none
   * when it is absent or {@code *} (any current version). A weak tag ({@code W/"7"}, as some
   * proxies rewrite them) names the same version.
   */
  public static Optional<Long> ifMatch(String raw) {
    if (raw == null || raw.isBlank() || raw.trim().equals("*")) {
      return Optional.empty();
    }
    String tag = raw.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      try {
        return Optional.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
      } catch (NumberFormatException e) {
        // not one of ours: refused below
      }
    }
    throw new RuleViolation(
        "If-Match",
        "'" + raw + "' is not one ETag as a read of it returned, such as \"3\" (with the quotes).");
  }
}
