package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HMAC-SHA256 signatures of outgoing requests: {@code sha256=<hex>} over the body. */
class SignaturesTest {
  private static final String SECRET = "s3cret-shared-with-the-platform";
  private static final String BODY =
      "{\"callbackId\":500,\"attempt\":1,\"phoneNumber\":\"+33142685300\"}";

  @Test
  void signature_matches_rfc_4231_test_case_2() {
    assertThat(Signatures.sign("Jefe", "what do ya want for nothing?"))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void signature_matches_rfc_4231_test_case_1() {
    String key = "\u000b".repeat(20);

    assertThat(Signatures.sign(key, "Hi There"))
        .isEqualTo("sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  @Test
  void a_signed_body_verifies_under_the_same_secret() {
    String signature = Signatures.sign(SECRET, BODY);

    assertThat(signature).startsWith("sha256=").hasSize("sha256=".length() + 64);
    assertThat(Signatures.verify(SECRET, BODY, signature)).isTrue();
  }

  @Test
  void a_body_with_characters_beyond_ascii_round_trips() {
    String body = "{\"customerName\":\"Zoë Lefèvre 日本\"}";

    assertThat(Signatures.verify(SECRET, body, Signatures.sign(SECRET, body))).isTrue();
  }

  @Test
  void a_tampered_body_does_not_verify() {
    String signature = Signatures.sign(SECRET, BODY);

    assertThat(Signatures.verify(SECRET, BODY.replace("500", "501"), signature)).isFalse();
    assertThat(Signatures.verify(SECRET, BODY + " ", signature)).isFalse();
  }

  @Test
  void a_signature_made_with_another_secret_does_not_verify() {
    String signature = Signatures.sign("another-secret", BODY);

    assertThat(Signatures.verify(SECRET, BODY, signature)).isFalse();
  }

  @Test
  void a_missing_or_malformed_signature_does_not_verify() {
    String hex = Signatures.sign(SECRET, BODY).substring("sha256=".length());

    assertThat(Signatures.verify(SECRET, BODY, null)).isFalse();
    assertThat(Signatures.verify(SECRET, BODY, "")).isFalse();
    assertThat(Signatures.verify(SECRET, BODY, hex)).as("without its prefix").isFalse();
  }
}
