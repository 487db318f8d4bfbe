package dev.rappel.delivery.boundary;

import dev.rappel.delivery.control.Dialer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the configured dialer cannot place calls (the webhook dialer without its URL or a
 * usable secret): the server would route callbacks that no call ever reaches.
 */
@Readiness
@ApplicationScoped
public class DialerReadiness implements HealthCheck {

  @Inject
  @Named("configured")
  Dialer dialer;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("dialer");
    return dialer
        .misconfiguration()
        .map(reason -> response.down().withData("reason", reason).build())
        .orElseGet(() -> response.up().build());
  }
}
