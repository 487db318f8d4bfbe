package dev.rappel.security.entity;

/**
 * The cost a stored password hash was made with, read from its text ({@code
 * ALGORITHM:ITERATIONS:salt:hash}, the format of Jakarta's {@code Pbkdf2PasswordHash}). Hashes made
 * with a weaker setting (older releases used 2,048 iterations) are made again, with the current
 * one, the next time their user signs in with the right password.
 */
public record PasswordHashStrength(String algorithm, int iterations) {

  /** The setting new hashes are made with: OWASP's figure for PBKDF2-HMAC-SHA256. */
  public static final PasswordHashStrength CURRENT =
      new PasswordHashStrength("PBKDF2WithHmacSHA256", 600_000);

  /** The strength of a stored hash; an unreadable one counts as weakest. */
  public static PasswordHashStrength of(String storedHash) {
    String[] parts = storedHash == null ? new String[0] : storedHash.split(":");
    if (parts.length != 4) {
      return new PasswordHashStrength("", 0);
    }
    try {
      return new PasswordHashStrength(parts[0], Integer.parseInt(parts[1]));
    } catch (NumberFormatException unreadable) {
      return new PasswordHashStrength(parts[0], 0);
    }
  }

  /** Whether a hash of this strength should be made again with {@code wanted}. */
  public boolean isWeakerThan(PasswordHashStrength wanted) {
    return !algorithm.equals(wanted.algorithm) || iterations < wanted.iterations;
  }
}
