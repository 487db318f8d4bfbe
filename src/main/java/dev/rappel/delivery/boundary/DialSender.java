package dev.rappel.delivery.boundary;

import dev.rappel.delivery.control.DialNotTaken;
import dev.rappel.delivery.control.DialQueued;
import dev.rappel.delivery.control.DialRequest;
import dev.rappel.delivery.control.Dialer;
import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.control.ManagedExecutors;
import dev.rappel.platform.control.ThrottledLog;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the dial outbox to the telephony platform: every second, and right after a transaction
 * queued a request. Each pass gives up on requests past their delivery timeout, claims the due ones
 * and sends them in parallel outside any transaction (a slow platform never holds the database),
 * then records what the platform said. Passes never overlap on one instance; across instances the
 * claims keep each request with one sender at a time.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DialSender {
  private static final Logger LOG = Logger.getLogger(DialSender.class.getName());
  static final int BATCH = 20;

  @Inject Dials dials;

  @Inject
  @Named("configured")
  Dialer dialer;

  @Inject ManagedExecutors executors;

  @Inject DatabaseMigration migration;

  @Inject
  @ConfigProperty(name = "rappel.engine.enabled", defaultValue = "true")
  boolean enabled;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();

  @Inject Clock clock;

  /** A database outage interrupts every pass: one line a minute says so, not one per pass. */
  private ThrottledLog interruptions;

  /** Says at deployment, not only in readiness, that the dialer places no call. */
  @PostConstruct
  void checkConfiguration() {
    interruptions = new ThrottledLog(LOG, Duration.ofMinutes(1), clock);
    try {
      dialer.misconfiguration().ifPresent(LOG::severe);
    } catch (RuntimeException e) {
      // an unknown rappel.dialer: said here, and again by each pass, without failing deployment
      LOG.severe(e.getMessage());
    }
  }

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void tick() {
    sendSoon();
  }

  /** A request was committed: send it now rather than at the next tick. */
  public void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DialQueued event) {
    sendSoon();
  }

  /**
   * Runs a pass on a managed thread of its own: never inside the caller's transaction, where the
   * claims would stay locked while the pass waits for its sends to record their results.
   */
  private void sendSoon() {
    if (enabled) {
      executors.executor().execute(this::send);
    }
  }

  /** One pass over the outbox. */
  public void send() {
    if (!enabled || !migration.isMigrated()) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      again.set(true); // a request queued during a pass gets a pass of its own right after
      return;
    }
    try {
      while (dials.giveUpOverdue(BATCH) == BATCH) {
        // keep going
      }
      List<DialRequest> claimed;
      do {
        claimed = dials.claim(BATCH);
        CompletableFuture.allOf(
                claimed.stream()
                    .map(r -> CompletableFuture.runAsync(() -> handOver(r), executors.executor()))
                    .toArray(CompletableFuture[]::new))
            .join();
      } while (claimed.size() == BATCH);
    } catch (RuntimeException e) {
      // the database is unreachable or a race was lost: the outbox keeps every request
      interruptions.warnFailure("Dial pass interrupted; the next tick retries", e);
    } finally {
      running.set(false);
    }
    if (again.getAndSet(false)) {
      send();
    }
  }

  private void handOver(DialRequest request) {
    try {
      dialer.dial(request);
      dials.taken(request.dialId());
    } catch (DialNotTaken e) {
      LOG.fine(() -> "Dial " + request.dialId() + " not taken: " + e.getMessage());
      dials.notTaken(request.dialId(), e.getMessage(), e.isRetryable());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dial " + request.dialId() + " failed; it is tried again", e);
      dials.notTaken(request.dialId(), e.toString(), true);
    }
  }
}
