package dev.rappel.platform.entity;

import java.util.Optional;

/**
 * The id another system gives a queue or an agent (e.g. the Genesys Cloud UUID of the same queue),
 * so that requests written for that system can name it: 1 to 100 printable characters without
 * spaces around; blank means none.
 */
public final class ExternalId {
  public static final int MAX_LENGTH = 100;

  private ExternalId() {}

  /** The id as stored: stripped, empty for none. */
  public static Optional<String> parse(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String id = raw.strip();
    if (id.length() > MAX_LENGTH) {
      throw new RuleViolation(field, "must be at most " + MAX_LENGTH + " characters.");
    }
    if (!id.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
      throw new RuleViolation(field, "may hold no spaces or control characters.");
    }
    return Optional.of(id);
  }
}
