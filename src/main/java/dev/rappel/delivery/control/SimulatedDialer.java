package dev.rappel.delivery.control;

import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.platform.control.ManagedExecutors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A dialer with no phone system, for demos and tests: each attempt "rings" for a configured time,
 * then reports the outcome configured for its attempt number ({@code
 * rappel.dialer.simulated.outcomes=NO_ANSWER,ANSWERED} answers on the second attempt; the last one
 * repeats).
 */
@ApplicationScoped
public class SimulatedDialer implements Dialer {
  private static final Logger LOG = Logger.getLogger(SimulatedDialer.class.getName());

  @Inject ManagedExecutors executors;

  @Inject
  @ConfigProperty(name = "rappel.dialer.simulated.outcomes", defaultValue = "ANSWERED")
  String outcomes;

  @Inject
  @ConfigProperty(name = "rappel.dialer.simulated.ring-millis", defaultValue = "2000")
  long ringMillis;

  @Inject DialOutcomes reports;

  private volatile List<DialOutcome> plan;

  @Override
  public void dial(DialRequest request) {
    DialOutcome outcome = outcomeFor(request.attempt());
    executors
        .scheduler()
        .schedule(() -> report(request, outcome), Math.max(0, ringMillis), TimeUnit.MILLISECONDS);
  }

  DialOutcome outcomeFor(int attempt) {
    List<DialOutcome> plan = plan();
    if (plan.isEmpty()) {
      return DialOutcome.ANSWERED;
    }
    return plan.get(Math.min(attempt, plan.size()) - 1);
  }

  /** The configured plan, read once. */
  private List<DialOutcome> plan() {
    if (plan == null) {
      plan =
          Arrays.stream(outcomes.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(DialOutcome::valueOf)
              .toList();
    }
    return plan;
  }

  private void report(DialRequest request, DialOutcome outcome) {
    try {
      reports.report(
          request.callbackId(),
          request.attempt(),
          Optional.of(request.dialId()),
          outcome,
          "dialer:simulated");
    } catch (RuntimeException e) {
      // the callback may have been canceled meanwhile: nothing to do
      LOG.log(Level.FINE, "Simulated outcome not recorded for callback " + request.callbackId(), e);
    }
  }
}
