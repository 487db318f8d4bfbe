package dev.rappel.compliance.entity;

import dev.rappel.phone.entity.PhoneNumber;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a call lands, as far as the clock on the wall goes: the zone the customer gave, else the
 * zones the number's region spans (all of them: an instant is allowed only where it is allowed in
 * each), else, for a number no zone is known for, the callback's zone.
 */
public record Destination(List<ZoneId> zones, String basis) {

  public Destination {
    if (zones == null || zones.isEmpty()) {
      throw new IllegalArgumentException("a destination has at least one zone");
    }
    zones = List.copyOf(zones);
  }

  public static Destination of(Optional<ZoneId> given, PhoneNumber number, ZoneId fallback) {
    if (given.isPresent()) {
      return new Destination(List.of(given.get()), "the customer's time zone");
    }
    List<ZoneId> zones = number.possibleZones();
    if (zones.size() == 1) {
      return new Destination(zones, "the number's time zone");
    }
    if (!zones.isEmpty()) {
      return new Destination(zones, "every time zone the number may ring in");
    }
    return new Destination(
        List.of(fallback), "the callback's time zone (none known for the number)");
  }

  public String describe() {
    return zones.stream().map(ZoneId::getId).collect(Collectors.joining(", "));
  }
}
