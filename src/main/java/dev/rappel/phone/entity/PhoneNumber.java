package dev.rappel.phone.entity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import dev.rappel.platform.entity.RuleViolation;
import java.util.Optional;

/** A dialable number in E.164 form ({@code +} and digits), validated against its country's plan. */
public record PhoneNumber(String e164) {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** The zone ids this JVM knows; {@code ZoneId.getAvailableZoneIds()} copies them on each call. */
  private static final java.util.Set<String> KNOWN_ZONES =
      java.util.Set.copyOf(java.time.ZoneId.getAvailableZoneIds());

  private static final java.util.regex.Pattern E164 =
      java.util.regex.Pattern.compile("\\+[1-9][0-9]{1,14}");

  public PhoneNumber {
    if (e164 == null || !E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not E.164: " + e164);
    }
  }

  /**
   * Parses what a person or a system typed ({@code +33 1 42 68 53 00}, {@code (212) 555-0100} with
   * a default region) into E.164.
   *
   * @param defaultRegion ISO 3166 region for numbers written without {@code +}, or empty to demand
   *     international form
   * @param field the request field, for the error message
   */
  public static PhoneNumber parse(String raw, Optional<String> defaultRegion, String field) {
    if (raw == null || raw.isBlank()) {
      throw new RuleViolation(field, "A phone number is required.");
    }
    String region = defaultRegion.filter(r -> !r.isBlank()).orElse("ZZ");
    try {
      var parsed = UTIL.parse(raw.trim(), region);
      if (!UTIL.isValidNumber(parsed)) {
        throw new RuleViolation(
            field,
            "'"
                + raw
                + "' is not a valid phone number"
                + (UTIL.isPossibleNumber(parsed) ? " in its country's numbering plan." : ".")
                + " Use international form, e.g. +33142685300.");
      }
      return new PhoneNumber(UTIL.format(parsed, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      String hint =
          e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
              ? " Start it with + and the country code, e.g. +33142685300."
              : " Use international form, e.g. +33142685300.";
      throw new RuleViolation(field, "'" + raw + "' is not a phone number." + hint);
    }
  }

  /** Like {@link #parse} but empty input means "not given". */
  public static Optional<PhoneNumber> parseOptional(
      String raw, Optional<String> defaultRegion, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(parse(raw, defaultRegion, field));
  }

  /**
   * The time zones this number may ring in, from libphonenumber's mapper: one for most numbers,
   * several for a region that spans them (a US toll-free number, an Australian mobile), none when
   * unknown.
   */
  public java.util.List<java.time.ZoneId> possibleZones() {
    try {
      var parsed = UTIL.parse(e164, "ZZ");
      return PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(parsed).stream()
          .filter(id -> !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id))
          .filter(KNOWN_ZONES::contains)
          .map(java.time.ZoneId::of)
          .toList();
    } catch (NumberParseException e) {
      return java.util.List.of();
    }
  }

  @Override
  public String toString() {
    return e164;
  }
}
