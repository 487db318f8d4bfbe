package dev.rappel.delivery.boundary;

import dev.rappel.callback.entity.Attempt;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.delivery.control.DialRequest;
import dev.rappel.delivery.control.EngineMetrics;
import dev.rappel.delivery.control.PendingDials;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dial outbox's use cases, each one transaction: claim the requests to send, record that the
 * platform took one or could not, and give up on those that could not be handed over in time
 * (NOT_DIALED: the callback goes back to its queue and an operator is alerted).
 */
@Stateless
// each step commits on its own, even when a caller has a transaction: a pass must not hold claims
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Dials {
  private static final Logger LOG = Logger.getLogger(Dials.class.getName());

  /** How long a claimed request stays with the instance sending it. */
  static final Duration LEASE = Duration.ofSeconds(30);

  @PersistenceContext EntityManager em;

  @Inject PendingDials pending;

  @Inject EngineMetrics metrics;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "rappel.dialer.delivery-timeout", defaultValue = "120")
  long deliveryTimeoutSeconds;

  /** Claims up to {@code limit} requests due now; the caller sends them after the commit. */
  public List<DialRequest> claim(int limit) {
    Instant now = clock.instant();
    List<DialRequest> claimed = new ArrayList<>();
    for (long id : pending.due(now, limit)) {
      if (pending.claim(id, now, now.plus(LEASE))) {
        claimed.add(DialRequest.of(em.find(Attempt.class, id)));
      }
    }
    return claimed;
  }

  /** The platform took the request: the outcome timeout runs from now. */
  public void taken(String dialId) {
    pending.byDialId(dialId).ifPresent(attempt -> attempt.dialTaken(clock.instant()));
  }

  /**
   * The platform did not take the request: tried again later while it may still take it, given up
   * at once when it refused this request for good.
   */
  public void notTaken(String dialId, String why, boolean retryable) {
    Optional<Attempt> attempt = pending.byDialId(dialId).filter(Attempt::awaitsDial);
    if (attempt.isEmpty()) {
      return;
    }
    if (retryable) {
      attempt.get().dialNotTaken(why, clock.instant());
    } else {
      giveUp(attempt.get(), "the telephony platform refused the dial request: " + why);
    }
  }

  /** Ends the requests that could not be handed over within the delivery timeout. */
  public int giveUpOverdue(int limit) {
    Duration timeout = Duration.ofSeconds(deliveryTimeoutSeconds);
    Instant now = clock.instant();
    List<Attempt> overdue = pending.overdue(now.minus(timeout), limit);
    for (Attempt attempt : overdue) {
      giveUp(
          attempt,
          "not taken by the telephony platform within "
              + timeout.toSeconds()
              + " s after "
              + attempt.dialTries()
              + " tries"
              + attempt.dialError().map(e -> " (last: " + e + ")").orElse(""));
    }
    return overdue.size();
  }

  private void giveUp(Attempt attempt, String why) {
    Callback callback = attempt.callback();
    LOG.warning(
        () ->
            "Callback "
                + callback.id()
                + " attempt "
                + attempt.number()
                + " NOT_DIALED, back to its queue: "
                + why);
    callback.recordOutcome(
        attempt.number(),
        Optional.of(attempt.dialId()),
        DialOutcome.NOT_DIALED,
        clock,
        Callback.SYSTEM);
    metrics.dialed(DialOutcome.NOT_DIALED);
  }
}
