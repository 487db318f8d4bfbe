package dev.rappel.platform.boundary;

import dev.rappel.platform.control.ManagedExecutors;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets Idempotency-Keys past their lifetime. Every instance purges; the deletes are idempotent,
 * and an expired key is free again even before its row is gone.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class IdempotencyPurge {
  private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class.getName());

  @Inject IdempotencyKeys keys;

  @Inject ManagedExecutors executors;

  /**
   * Only triggers (Payara expunges a timer whose callbacks fail): the purge runs on a managed
   * thread.
   */
  @Schedule(minute = "*/10", hour = "*", persistent = false)
  void tick() {
    executors.executor().execute(this::purge);
  }

  void purge() {
    try {
      int purged = keys.purge();
      LOG.fine(() -> purged + " expired idempotency keys purged");
    } catch (RuntimeException e) {
      // the database may be down for a while; the next pass catches up
      LOG.log(Level.WARNING, "Purging expired idempotency keys failed; trying again later", e);
    }
  }
}
