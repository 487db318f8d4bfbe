package dev.rappel.selfservice.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret of a self-service link: 256 random bits, URL-safe base64 without padding (43
 * characters). Only its SHA-256 is stored, so a copy of the database opens no page. Its {@link
 * #toString()} never shows it, so it cannot end up in a log by accident.
 */
public final class LinkToken {
  static final int BYTES = 32;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final String value;

  private LinkToken(String value) {
    this.value = value;
  }

  public static LinkToken random(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new LinkToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** A token as a link carries it; empty when it cannot be one of ours (no lookup needed). */
  public static Optional<LinkToken> parse(String raw) {
    return raw != null && SHAPE.matcher(raw).matches()
        ? Optional.of(new LinkToken(raw))
        : Optional.empty();
  }

  /** The value to put in the link: shown once, to the caller that asked for the link. */
  public String value() {
    return value;
  }

  /** The SHA-256 of the token, in hex: what is stored and looked up. */
  public String hash() {
    return hashOf(value);
  }

  /** The SHA-256 of any text, in hex (also of strings that are not tokens, for rate limits). */
  public static String hashOf(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LinkToken token
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.US_ASCII),
            token.value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "LinkToken[hidden]";
  }
}
