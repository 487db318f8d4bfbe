package dev.rappel.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the dialer by configuration: {@code rappel.dialer=simulated} (default) or webhook. */
@ApplicationScoped
public class DialerProducer {

  @Inject
  @ConfigProperty(name = "rappel.dialer", defaultValue = "simulated")
  String kind;

  @Inject SimulatedDialer simulated;

  @Inject WebhookDialer webhook;

  @Produces
  @Named("configured")
  @ApplicationScoped
  Dialer dialer() {
    return switch (kind.trim().toLowerCase(Locale.ROOT)) {
      case "webhook" -> webhook;
      case "simulated" -> simulated;
      default ->
          throw new IllegalStateException(
              "rappel.dialer must be 'simulated' or 'webhook', not '" + kind + "'");
    };
  }
}
