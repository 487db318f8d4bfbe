package dev.rappel.delivery.control;

import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.platform.control.ManagedExecutors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls the dialer once the attempt is committed, off the transaction's thread: a rolled-back
 * attempt is never dialled, and a slow telephony platform never holds a database transaction.
 */
@ApplicationScoped
public class DialDispatch {
  private static final Logger LOG = Logger.getLogger(DialDispatch.class.getName());

  @Inject
  @Named("configured")
  Dialer dialer;

  @Inject ManagedExecutors executors;

  @Inject DialOutcomes outcomes;

  void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) DialRequested event) {
    DialRequest request = event.request();
    executors
        .executor()
        .execute(
            () -> {
              try {
                dialer.dial(request);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Dial of callback " + request.callbackId() + " failed", e);
                try {
                  outcomes.report(
                      request.callbackId(), request.attempt(), DialOutcome.FAILED, "dialer");
                } catch (RuntimeException alreadyMoved) {
                  LOG.log(Level.FINE, "Outcome not recorded", alreadyMoved);
                }
              }
            });
  }
}
