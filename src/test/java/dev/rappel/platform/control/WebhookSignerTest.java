package dev.rappel.platform.control;

import static dev.rappel.testing.StandardWebhooks.IT_SECRET;
import static dev.rappel.testing.StandardWebhooks.OTHER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.testing.StandardWebhooks;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignerTest {
  private static final String PROPERTY = "rappel.webhooks.secret";
  private static final String BODY = "{\"callbackId\":42,\"event\":\"QUEUED\",\"note\":\"café\"}";
  private static final Instant NOW = Instant.parse("2026-03-29T01:30:00.750Z");

  private static Map<String, String> sign(String secret, String id, Instant at, String body) {
    return WebhookSigner.of(PROPERTY, Optional.of(secret)).headers(id, at, body);
  }

  @Test
  void matches_the_specification_test_vector() {
    // from the Standard Webhooks reference libraries' tests
    Map<String, String> headers =
        sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            Instant.ofEpochSecond(1614265330),
            "{\"test\": 2432232314}");

    assertThat(headers)
        .containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signs_id_timestamp_in_whole_seconds_and_body_so_an_independent_receiver_verifies_it() {
    Map<String, String> headers = sign(IT_SECRET, "cb-42-3", NOW, BODY);

    assertThat(headers).containsEntry("webhook-id", "cb-42-3");
    assertThat(headers).containsEntry("webhook-timestamp", Long.toString(NOW.getEpochSecond()));
    assertThat(verifies(IT_SECRET, headers, BODY)).isTrue();
  }

  @Test
  void a_changed_body_id_or_timestamp_or_another_key_does_not_verify() {
    Map<String, String> headers = sign(IT_SECRET, "cb-42-3", NOW, BODY);
    String signature = headers.get("webhook-signature");
    String timestamp = headers.get("webhook-timestamp");

    assertThat(verifies(IT_SECRET, headers, BODY.replace("QUEUED", "CANCELED"))).isFalse();
    assertThat(verifies(OTHER_SECRET, headers, BODY)).isFalse();
    assertThat(StandardWebhooks.verifies(IT_SECRET, "cb-42-4", timestamp, BODY, signature))
        .as("replayed under another id")
        .isFalse();
    long later = NOW.getEpochSecond() + 600;
    assertThat(StandardWebhooks.verifies(IT_SECRET, "cb-42-3", "" + later, BODY, signature))
        .as("replayed with a fresh timestamp")
        .isFalse();
  }

  @Test
  void a_retry_is_signed_again_with_its_own_timestamp_and_the_same_id() {
    Map<String, String> first = sign(IT_SECRET, "cb-42-3", NOW, BODY);
    Map<String, String> retry = sign(IT_SECRET, "cb-42-3", NOW.plusSeconds(120), BODY);

    assertThat(retry.get("webhook-id")).isEqualTo(first.get("webhook-id"));
    assertThat(retry.get("webhook-signature")).isNotEqualTo(first.get("webhook-signature"));
    assertThat(verifies(IT_SECRET, retry, BODY)).isTrue();
  }

  @Test
  void a_missing_or_blank_secret_is_refused_naming_the_property() {
    for (Optional<String> secret : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
      assertThatThrownBy(() -> WebhookSigner.of(PROPERTY, secret))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("rappel.webhooks.secret is not set")
          .hasMessageContaining("whsec_");
      assertThat(WebhookSigner.problem(PROPERTY, secret)).isPresent();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "it-secret", // a plain password: refused, not used as raw bytes
        "QDGe/Z9slBCwZEq3E0cmZxTlBSp/R3Conu9pkTliiaM=", // the key without its prefix
        "whsec_not base64!",
        "whsec_c2hvcnQta2V5" // 9 bytes
      })
  void a_secret_that_is_not_a_standard_webhooks_secret_is_refused_without_repeating_it(
      String secret) {
    Optional<String> problem = WebhookSigner.problem(PROPERTY, Optional.of(secret));

    assertThat(problem).hasValueSatisfying(p -> assertThat(p).startsWith(PROPERTY));
    assertThat(problem.get()).doesNotContain(secret);
  }

  @Test
  void a_valid_secret_has_no_problem_and_surrounding_spaces_are_ignored() {
    assertThat(WebhookSigner.problem(PROPERTY, Optional.of(IT_SECRET))).isEmpty();
    assertThat(sign(" " + IT_SECRET + "\n", "cb-1-1", NOW, BODY))
        .isEqualTo(sign(IT_SECRET, "cb-1-1", NOW, BODY));
  }

  private static boolean verifies(String secret, Map<String, String> headers, String body) {
    return StandardWebhooks.verifies(
        secret,
        headers.get("webhook-id"),
        headers.get("webhook-timestamp"),
        body,
        headers.get("webhook-signature"));
  }
}
