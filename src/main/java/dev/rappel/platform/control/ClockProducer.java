package dev.rappel.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one source of "now". Logic never calls {@code now()} on its own, so tests can hold or move
 * time. The clock's zone is the server's zone: the default for callbacks when neither the customer
 * nor the agent has one.
 */
@ApplicationScoped
public class ClockProducer {

  @Inject DatabaseTime databaseTime;

  @Inject
  @ConfigProperty(name = "rappel.time-zone")
  Optional<String> serverZone;

  @Produces
  @ApplicationScoped
  public Clock clock() {
    ZoneId zone =
        serverZone.filter(id -> !id.isBlank()).map(ZoneId::of).orElse(ZoneId.systemDefault());
    // millisecond ticks, what the database keeps (a value read back equals the one written), on
    // the database's time rather than this host's
    return databaseTime.clock(zone);
  }
}
