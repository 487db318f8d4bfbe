package dev.rappel.events.boundary;

import dev.rappel.events.control.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a webhook subscriber is configured without a usable secret: the server would run
 * but send no event, so a deployment with it should not look healthy. No subscriber is not a fault.
 */
@Readiness
@ApplicationScoped
public class WebhookReadiness implements HealthCheck {

  @Inject WebhookSender sender;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("webhooks").withData("configured", sender.isConfigured());
    return sender
        .refusal()
        .map(reason -> response.down().withData("reason", reason).build())
        .orElseGet(() -> response.up().build());
  }
}
