package dev.rappel.events.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** What an operator watches of the webhook subscriber on {@code /metrics}. */
@ApplicationScoped
public class WebhookMetrics {

  @Inject MetricRegistry registry;

  private Counter deliveries;
  private Counter failures;

  @PostConstruct
  void register() {
    deliveries =
        registry.counter(
            Metadata.builder()
                .withName("rappel.webhook.deliveries")
                .withDescription("Events the webhook subscriber took")
                .build());
    failures =
        registry.counter(
            Metadata.builder()
                .withName("rappel.webhook.failures")
                .withDescription("Event sends the webhook subscriber refused or missed")
                .build());
  }

  public void sent(boolean delivered) {
    (delivered ? deliveries : failures).inc();
  }
}
