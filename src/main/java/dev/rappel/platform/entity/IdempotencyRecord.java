package dev.rappel.platform.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one caller's {@code Idempotency-Key} stands for: the request it came with (as a hash) and,
 * once the create is done, the answer it gave. The rules of the key live here; the store only reads
 * and writes rows.
 */
public record IdempotencyRecord(
    String requestHash, Instant createdAt, Optional<StoredAnswer> answer) {

  /** How long a key is remembered (the IETF draft leaves it to the server; 24 h is common). */
  public static final Duration LIFETIME = Duration.ofHours(24);

  /**
   * A claim with no answer after this long belongs to a create that died with its server: it no
   * longer blocks its key. Far longer than any create takes.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

  static final int MAX_KEY_LENGTH = 255;

  /** The answer a create gave, as sent: replayed byte for byte. */
  public record StoredAnswer(
      int status, String body, Optional<String> location, Optional<String> etag) {}

  /** What a request with an already known key gets. */
  public enum Verdict {
    /** The same request again: the first answer again. */
    REPLAY,
    /** The first request with this key is still being answered. */
    IN_FLIGHT,
    /** The key was used for another request. */
    OTHER_REQUEST,
    /** Too old, or abandoned: the key is free again. */
    FREE
  }

  public Verdict verdictFor(String hash, Instant now) {
    if (!createdAt.plus(LIFETIME).isAfter(now)) {
      return Verdict.FREE;
    }
    if (answer.isEmpty()) {
      return createdAt.plus(ABANDONED_AFTER).isAfter(now) ? Verdict.IN_FLIGHT : Verdict.FREE;
    }
    return requestHash.equals(hash) ? Verdict.REPLAY : Verdict.OTHER_REQUEST;
  }

  /** The key as sent; none when the header is absent. A present key must be usable. */
  public static Optional<String> key(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String key = raw.trim();
    if (key.startsWith("\"") && key.endsWith("\"") && key.length() >= 2) {
      key = key.substring(1, key.length() - 1); // the draft sends it as a quoted string
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw RuleViolation.unreadable(
          "Idempotency-Key",
          "must be 1 to " + MAX_KEY_LENGTH + " characters, e.g. a UUID made for this request.");
    }
    return Optional.of(key);
  }
}
