package dev.rappel.delivery.control;

import dev.rappel.platform.control.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the engine's passes tell an operator: a failing pass is logged (at most once a minute per
 * kind of failure) and counted, and a pass that has not completed for {@code
 * rappel.engine.stall-seconds} makes the server not ready, so the engine never stops silently.
 */
@ApplicationScoped
public class EngineHealth {
  private static final Logger LOG = Logger.getLogger(EngineHealth.class.getName());

  @Inject Clock clock;

  @Inject EngineMetrics metrics;

  @Inject
  @ConfigProperty(name = "rappel.engine.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "rappel.engine.stall-seconds", defaultValue = "30")
  long stallSeconds;

  private EnginePulse pulse;
  private ThrottledLog failures;

  @PostConstruct
  void start() {
    pulse = new EnginePulse(Duration.ofSeconds(stallSeconds), clock.instant());
    failures = new ThrottledLog(LOG, Duration.ofMinutes(1), clock);
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** The schema is not migrated yet: no pass can run, and none is missed. */
  public void waitingForSchema() {
    pulse.expectFrom(clock.instant());
  }

  public void passCompleted() {
    pulse.beat(clock.instant());
  }

  public void passFailed(RuntimeException failure) {
    metrics.engineFailed();
    failures.warnFailure("Engine pass failed; the next tick retries from the table", failure);
  }

  /** Why the engine counts as stalled now, if it does; never while it is disabled. */
  public Optional<String> stall() {
    return enabled ? pulse.stall(clock.instant()) : Optional.empty();
  }

  public Optional<Instant> lastPass() {
    return pulse.lastBeat();
  }
}
