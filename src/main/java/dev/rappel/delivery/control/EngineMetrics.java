package dev.rappel.delivery.control;

import dev.rappel.callback.entity.DialOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What an operator watches on {@code /metrics}: callbacks overdue and not yet delivered, delivery
 * lateness, deliveries, dial attempts by outcome, failed engine passes. The webhook sender counts
 * its own.
 */
@ApplicationScoped
public class EngineMetrics {

  @Inject MetricRegistry registry;

  private Histogram lateness;
  private Counter deliveries;
  private Counter failures;

  @PostConstruct
  void register() {
    lateness =
        registry.histogram(
            Metadata.builder()
                .withName("rappel.delivery.lateness")
                .withDescription("Time from a callback's due instant to its delivery")
                .withUnit(MetricUnits.MILLISECONDS)
                .build());
    deliveries =
        registry.counter(
            Metadata.builder()
                .withName("rappel.deliveries")
                .withDescription("Callbacks delivered to their queue at their time")
                .build());
    failures =
        registry.counter(
            Metadata.builder()
                .withName("rappel.engine.failures")
                .withDescription("Engine passes that failed (the next tick retries)")
                .build());
  }

  /** Registers the gauge of callbacks due but not yet delivered, read from the table. */
  public void watchOverdue(LongSupplier overdue) {
    registry.gauge(
        Metadata.builder()
            .withName("rappel.callbacks.overdue")
            .withDescription("Callbacks whose time has come but that are not yet delivered")
            .build(),
        overdue,
        LongSupplier::getAsLong);
  }

  /**
   * Counts a batch once it has committed: one that rolled back (or was rehearsed) delivered none.
   */
  void delivered(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveredBatch batch) {
    for (DueDelivery.Delivered delivered : batch.delivered()) {
      deliveries.inc();
      lateness.update(Math.max(0, delivered.lateness(batch.at()).toMillis()));
    }
  }

  public void engineFailed() {
    failures.inc();
  }

  public void dialed(DialOutcome outcome) {
    registry.counter("rappel.dial.attempts", new Tag("outcome", outcome.name())).inc();
  }
}
