package dev.rappel.privacy.boundary;

import dev.rappel.platform.control.ManagedExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes the retention pass every hour: callbacks that ended {@code rappel.retention.days} ago or
 * more lose their personal data, and interactions reported that long ago their caller's number. The
 * timer only triggers; the callback table says what is due, so a pass missed while the server was
 * down is caught up by the next. Every instance may run it: erasing an erased callback changes
 * nothing, and a batch lost to a concurrent change is retried at the next pass.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
// no transaction around a pass: each batch commits on its own
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionTick {
  private static final Logger LOG = Logger.getLogger(RetentionTick.class.getName());

  /** Callbacks erased per transaction. */
  static final int BATCH = 100;

  @Inject Privacy privacy;

  @Inject
  @ConfigProperty(name = "rappel.retention.days", defaultValue = "365")
  int retentionDays;

  private final AtomicBoolean running = new AtomicBoolean();

  @Inject ManagedExecutors executors;

  @PostConstruct
  void start() {
    if (retentionDays <= 0) {
      LOG.warning("Retention off (rappel.retention.days <= 0): personal data is kept forever");
    }
  }

  /**
   * Only triggers (Payara expunges a timer whose callbacks fail): the pass runs on a managed
   * thread.
   */
  @Schedule(minute = "17", hour = "*", persistent = false)
  void tick() {
    executors.executor().execute(this::pass);
  }

  void pass() {
    try {
      run();
    } catch (RuntimeException e) {
      // the database may be down, or a batch lost to a concurrent change: the next pass catches up
      LOG.log(Level.WARNING, "Retention pass failed; trying again at the next", e);
    }
  }

  /** Erases, batch by batch, everything past the retention period; answers how many callbacks. */
  public int run() {
    if (retentionDays <= 0 || !running.compareAndSet(false, true)) {
      return 0;
    }
    try {
      Duration retention = Duration.ofDays(retentionDays);
      int total = 0;
      int erased;
      do {
        erased = privacy.erasePastRetention(retention, BATCH);
        total += erased;
      } while (erased == BATCH);
      privacy.eraseInteractionsPastRetention(retention);
      if (total > 0) {
        LOG.info(total + " callbacks past the retention period had their personal data erased");
      }
      return total;
    } finally {
      running.set(false);
    }
  }
}
