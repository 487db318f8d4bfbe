package dev.rappel.genesys.entity;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.rappel.platform.entity.RuleViolation;
import java.util.Locale;
import java.util.Optional;

/**
 * Genesys' {@code countryCode}: the region of callback numbers written without {@code +}. Taken as
 * an ISO 3166 region ({@code US}, {@code fr}) or a calling code ({@code 1}, {@code +33}), which
 * stands for that code's main region.
 */
public final class CountryCode {
  public static final String FIELD = "countryCode";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private CountryCode() {}

  /** The ISO region to read national numbers with; empty when no country code is given. */
  public static Optional<String> region(String countryCode) {
    if (countryCode == null || countryCode.isBlank()) {
      return Optional.empty();
    }
    String code = countryCode.strip();
    if (code.matches("[A-Za-z]{2}")) {
      String region = code.toUpperCase(Locale.ROOT);
      if (UTIL.getSupportedRegions().contains(region)) {
        return Optional.of(region);
      }
    } else if (code.matches("\\+?[0-9]{1,3}")) {
      String region = UTIL.getRegionCodeForCountryCode(Integer.parseInt(code.replace("+", "")));
      if (!"ZZ".equals(region) && !"001".equals(region)) {
        return Optional.of(region);
      }
    }
    throw new RuleViolation(
        FIELD, "'" + code + "' is neither a country (e.g. US) nor a calling code (e.g. +1).");
  }
}
