package dev.rappel.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of Standard Webhooks, written from the specification for the tests alone, so
 * what the server signs is checked by code that shares nothing with it: the key is the base64 after
 * {@code whsec_}, the signed content {@code id.timestamp.body}, and {@code webhook-signature} holds
 * one or more space-separated {@code v1,<base64 HMAC-SHA256>}.
 */
public final class StandardWebhooks {
  /**
   * Generated for the tests only (32 random bytes); the Failsafe options give the server it too.
   */
  public static final String IT_SECRET = "whsec_QDGe/Z9slBCwZEq3E0cmZxTlBSp/R3Conu9pkTliiaM=";

  /** Same form, another key: a receiver holding it must reject what the server sends. */
  public static final String OTHER_SECRET = "whsec_355gCW8fDElfmWNY0Kz7b5X6BUwhCIuGFbAM0pYTSPg=";

  private StandardWebhooks() {}

  /** {@code v1,<base64>} for this message, as a sender following the specification computes it. */
  public static String signature(String secret, String id, String timestamp, String body) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when one of the signatures in {@code signatureHeader} is this message's under the key. */
  public static boolean verifies(
      String secret, String id, String timestamp, String body, String signatureHeader) {
    if (id == null || timestamp == null || signatureHeader == null) {
      return false;
    }
    byte[] expected = signature(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    for (String candidate : signatureHeader.trim().split(" +")) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }
}
