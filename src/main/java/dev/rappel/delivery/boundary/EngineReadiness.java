package dev.rappel.delivery.boundary;

import dev.rappel.delivery.control.EngineHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the engine completes its passes: a server whose engine is stuck or failing
 * answers the API but delivers nothing, so it should not look healthy. A disabled engine ({@code
 * rappel.engine.enabled=false}) is not a fault.
 */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {

  @Inject EngineHealth health;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("engine").withData("enabled", health.isEnabled());
    health.lastPass().ifPresent(at -> response.withData("lastPass", at.toString()));
    Optional<String> stall = health.stall();
    if (stall.isPresent()) {
      return response.down().withData("reason", stall.get()).build();
    }
    return response.up().build();
  }
}
