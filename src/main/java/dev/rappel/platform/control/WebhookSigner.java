package dev.rappel.platform.control;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Signs outgoing requests the Standard Webhooks way (standardwebhooks.com): {@code webhook-id},
 * {@code webhook-timestamp} (seconds since the epoch) and {@code webhook-signature: v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}, so a receiver can check both who sent a request and that it
 * is not an old one replayed.
 *
 * <p>The secret must be a Standard Webhooks secret, {@code whsec_} then the base64 of at least 24
 * random bytes. A plain one is refused rather than used as it is: the receivers' libraries
 * base64-decode whatever they are given, so they would not find the key this server signs with.
 */
public final class WebhookSigner {
  public static final String PREFIX = "whsec_";

  /** The least key length the specification allows (it recommends 24 to 64 bytes). */
  public static final int MIN_KEY_BYTES = 24;

  private static final String HOW =
      ": set it to a Standard Webhooks secret, e.g. the output of"
          + " echo \"whsec_$(openssl rand -base64 32)\", and give the receiver the same value";

  private final Webhook webhook;

  private WebhookSigner(Webhook webhook) {
    this.webhook = webhook;
  }

  /**
   * A signer for the secret configured under {@code property}.
   *
   * @throws IllegalArgumentException naming the property when the secret is unset or not a valid
   *     Standard Webhooks secret; the message never repeats the secret
   */
  public static WebhookSigner of(String property, Optional<String> secret) {
    String value = secret.map(String::trim).orElse("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(property + " is not set" + HOW);
    }
    if (!value.startsWith(PREFIX)) {
      throw new IllegalArgumentException(property + " does not start with " + PREFIX + HOW);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          property + " is not " + PREFIX + " followed by base64" + HOW, e);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          property + " holds " + key.length + " bytes, fewer than " + MIN_KEY_BYTES + HOW);
    }
    return new WebhookSigner(new Webhook(key));
  }

  /** Why the secret configured under {@code property} cannot sign, if it cannot. */
  public static Optional<String> problem(String property, Optional<String> secret) {
    try {
      of(property, secret);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The three Standard Webhooks headers for sending {@code body} as message {@code id} now. */
  public Map<String, String> headers(String id, Instant now, String body) {
    long timestamp = now.getEpochSecond();
    try {
      return Map.of(
          "webhook-id", id,
          "webhook-timestamp", Long.toString(timestamp),
          "webhook-signature", webhook.sign(id, timestamp, body));
    } catch (WebhookSigningException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
