package dev.rappel.testing.server;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only: replaces the server's clock with one the tests can move forward, so hour-long
 * ownership periods and retry delays are tested without waiting. Only the test WAR contains it; a
 * production build has no way to move the clock.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class TestClockProducer {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  @Produces
  @ApplicationScoped
  Clock clock() {
    return new ShiftedClock(ZoneId.of("UTC"), offset);
  }

  public Duration advance(Duration by) {
    return offset.accumulateAndGet(by, Duration::plus);
  }

  public Duration offset() {
    return offset.get();
  }
}
