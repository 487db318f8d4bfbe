package dev.rappel.platform.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** An instant offered instead of a refused one, also as the customer's local time. */
public record SuggestedTime(String at, String customerLocalTime) implements java.io.Serializable {

  public static SuggestedTime of(Instant at, ZoneId customerZone) {
    OffsetDateTime local = at.atZone(customerZone).toOffsetDateTime();
    return new SuggestedTime(
        DateTimeFormatter.ISO_INSTANT.format(at),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(local));
  }
}
