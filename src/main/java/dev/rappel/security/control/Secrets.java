package dev.rappel.security.control;

import dev.rappel.security.entity.PasswordHashStrength;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Hashing and generation of secrets: passwords through the standard {@link Pbkdf2PasswordHash}
 * (salted, slow on purpose: {@link PasswordHashStrength#CURRENT}); API tokens, which are long and
 * random, through SHA-256 so that each request is checked fast.
 */
@ApplicationScoped
public class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Pbkdf2PasswordHash passwordHash;

  /** Uninitialised, the standard hash uses 2,048 iterations: far too few today. */
  @PostConstruct
  void configure() {
    passwordHash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm",
            PasswordHashStrength.CURRENT.algorithm(),
            "Pbkdf2PasswordHash.Iterations",
            String.valueOf(PasswordHashStrength.CURRENT.iterations()),
            "Pbkdf2PasswordHash.SaltSizeBytes",
            "32",
            "Pbkdf2PasswordHash.KeySizeBytes",
            "32"));
  }

  /** Whether a stored hash was made with a weaker setting than new ones. */
  public boolean isOutdated(String hash) {
    return PasswordHashStrength.of(hash).isWeakerThan(PasswordHashStrength.CURRENT);
  }

  public String hashPassword(String password) {
    return passwordHash.generate(password.toCharArray());
  }

  public boolean verifyPassword(String password, String hash) {
    return passwordHash.verify(password.toCharArray(), hash);
  }

  /** A new token: 32 random bytes, URL-safe, with a prefix that secret scanners recognise. */
  public static String newToken() {
    return "rpl_" + randomText(32);
  }

  /** A random password for the first administrator. */
  public static String newPassword() {
    return randomText(18);
  }

  private static String randomText(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  public static String hashToken(String token) {
    return sha256(token);
  }

  /** Hex SHA-256 of a text: for tokens and for keys of verified passwords, never for passwords. */
  public static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
