package dev.rappel.events.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.StandardWebhooks;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  private static WebhookSender sender(Optional<String> url, Optional<String> secret) {
    WebhookSender sender = new WebhookSender();
    sender.url = url;
    sender.secret = secret;
    return sender;
  }

  @Test
  void a_subscriber_without_a_secret_is_refused_naming_both_properties() {
    WebhookSender sender = sender(Optional.of("https://crm.example/hook"), Optional.empty());

    assertThat(sender.isConfigured()).as("its events still go to the outbox").isTrue();
    assertThat(sender.canSend()).isFalse();
    assertThat(sender.refusal())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("rappel.webhooks.url is set")
                    .contains("rappel.webhooks.secret is not set"));
  }

  @Test
  void a_subscriber_with_a_plain_secret_is_refused() {
    WebhookSender sender = sender(Optional.of("https://crm.example/hook"), Optional.of("s3cret"));

    assertThat(sender.canSend()).isFalse();
    assertThat(sender.refusal()).hasValueSatisfying(why -> assertThat(why).contains("whsec_"));
  }

  @Test
  void a_subscriber_with_a_standard_webhooks_secret_is_served() {
    WebhookSender sender =
        sender(Optional.of("https://crm.example/hook"), Optional.of(StandardWebhooks.IT_SECRET));

    assertThat(sender.refusal()).isEmpty();
    assertThat(sender.canSend()).isTrue();
  }

  @Test
  void no_subscriber_is_not_a_fault() {
    WebhookSender sender = sender(Optional.empty(), Optional.empty());

    assertThat(sender.isConfigured()).isFalse();
    assertThat(sender.refusal()).isEmpty();
    assertThat(sender.canSend()).isFalse();
  }
}
