package dev.rappel.genesys.entity;

import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.RuleViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Genesys' {@code callbackNumbers}: a callback there may carry several numbers; a Rappel callback
 * dials one. The first number that is a valid phone number is dialled; the others, as sent, are
 * kept in the callback's data under {@value #OTHERS_KEY} (comma-separated), so nothing the customer
 * gave is lost. None valid is an error naming {@code callbackNumbers}.
 */
public record CallbackNumbers(PhoneNumber dialled, List<String> others) {
  public static final String FIELD = "callbackNumbers";
  public static final String OTHERS_KEY = "otherCallbackNumbers";

  public CallbackNumbers {
    others = List.copyOf(others);
  }

  /**
   * @param parse reads one number (with the country code of the request or the deployment's
   *     region), throwing a {@link RuleViolation} when it is not a valid one
   */
  public static CallbackNumbers choose(List<String> numbers, Function<String, PhoneNumber> parse) {
    List<String> given =
        numbers == null
            ? List.of()
            : numbers.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).toList();
    if (given.isEmpty()) {
      throw new RuleViolation(FIELD, "needs at least one phone number.");
    }
    Optional<RuleViolation> firstProblem = Optional.empty();
    for (int i = 0; i < given.size(); i++) {
      try {
        PhoneNumber number = parse.apply(given.get(i));
        List<String> others = new ArrayList<>(given);
        others.remove(i);
        return new CallbackNumbers(number, others);
      } catch (RuleViolation invalid) {
        firstProblem = firstProblem.or(() -> Optional.of(invalid));
      }
    }
    String why = firstProblem.get().errors().get(0).message();
    throw new RuleViolation(
        FIELD,
        (given.size() == 1 ? "" : "None of the " + given.size() + " numbers is valid: ")
            + why
            + " Numbers without + need countryCode.");
  }

  /** The callback's data with the numbers not dialled added, if there are any. */
  public Map<String, String> addOthersTo(Map<String, String> data) {
    Map<String, String> all = new LinkedHashMap<>(data == null ? Map.of() : data);
    if (!others.isEmpty()) {
      all.put(OTHERS_KEY, String.join(",", others));
    }
    return all;
  }
}
