package dev.rappel.delivery.boundary;

import dev.rappel.delivery.control.EngineHealth;
import dev.rappel.delivery.control.EngineMetrics;
import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.control.DatabaseTime;
import dev.rappel.platform.control.ManagedExecutors;
import dev.rappel.platform.control.SqlDialect;
import dev.rappel.platform.entity.ConcurrentChange;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes the engine. Timers are only triggers: the callback table is the schedule, so nothing is
 * lost when a timer is (Payara Micro keeps "persistent" timers in memory only) and callbacks that
 * came due while the server was down go out at the first tick after start. A tick every second is
 * the safety net; for precision a one-shot task is armed for the next due instant. No pass runs
 * before the schema is migrated; a failing pass is logged and counted, and passes that stop
 * completing make the server not ready ({@link EngineHealth}).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
// no transaction around a pass: each engine step commits on its own, batch by batch
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EngineTick {
  private static final Logger LOG = Logger.getLogger(EngineTick.class.getName());

  @Inject Engine engine;

  @Inject Clock clock;

  @Inject ManagedExecutors executors;

  @Inject
  @ConfigProperty(name = "rappel.engine.enabled", defaultValue = "true")
  boolean enabled;

  /** A wake-up is armed for what comes due within this; later instants are the ticks' job. */
  static final Duration WAKE_UP_HORIZON = Duration.ofMillis(1100);

  /** A tick this close before an armed wake-up is left to the wake-up. */
  static final Duration IMMINENT = Duration.ofMillis(250);

  /** A wake-up this far overdue and still not run no longer holds ticks back. */
  static final Duration STALE = Duration.ofSeconds(-1);

  /** A burst at least this large, seen coming while the engine is cold, is rehearsed first. */
  static final int REHEARSED_BURST = 2 * Engine.DELIVERY_BATCH;

  /** How far ahead a pass looks for such a burst. */
  static final Duration REHEARSAL_LOOK_AHEAD = Duration.ofSeconds(15);

  /** No rehearsal batch starts this close to the burst, so none holds its rows at its time. */
  static final Duration REHEARSAL_MARGIN = Duration.ofSeconds(2);

  /**
   * Batches written and rolled back: about what the JIT compiler needs to see (measured: with ten,
   * the first batches of a cold burst still came about 100 ms apart, and eight cold bursts of
   * 10,000 on two cores took 826-1,219 ms; with twenty, five took 650-887 ms).
   */
  static final int REHEARSAL_BATCHES = 20;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean prepared;

  /** Whether a full delivery batch has run in this JVM, for real or rehearsed. */
  private volatile boolean warm;

  private volatile ScheduledFuture<?> armed;
  private volatile Instant armedFor;

  @Inject EngineMetrics metrics;

  @Inject EngineHealth health;

  @Inject DatabaseMigration migration;

  @Inject DatabaseTime databaseTime;

  @Inject SqlDialect dialect;

  @PostConstruct
  void start() {
    metrics.watchOverdue(() -> migration.isMigrated() ? engine.overdue() : 0);
    if (enabled) {
      LOG.info("Callback engine started");
    } else {
      LOG.warning("Callback engine disabled (rappel.engine.enabled=false): nothing is delivered");
    }
  }

  /**
   * Only triggers: the pass runs on a managed thread. Payara expunges a timer whose callbacks fail
   * twice, and a callback that met a database that was down counted as failed even though the pass
   * caught it, which left the engine stopped for good once the database was back.
   */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void tick() {
    ScheduledFuture<?> wakeUp = armed;
    if (wakeUp != null && !wakeUp.isDone() && leavesTickTo(armedFor, clock.instant())) {
      // the tick fires at whole seconds, like most due instants: a pass started a few ms before
      // an armed wake-up would hold that burst's first batch until one of its steps ends
      return;
    }
    executors.executor().execute(this::run);
  }

  /**
   * Whether a tick at {@code now} is left to a pending wake-up armed for {@code wakeUpAt}: one
   * about to run, not one so overdue that its scheduler may be stuck.
   */
  static boolean leavesTickTo(Instant wakeUpAt, Instant now) {
    if (wakeUpAt == null) {
      return false;
    }
    Duration until = Duration.between(now, wakeUpAt);
    return until.compareTo(IMMINENT) < 0 && until.compareTo(STALE) > 0;
  }

  /** One pass of the engine; passes never overlap on one instance. */
  public void run() {
    if (!enabled) {
      return;
    }
    if (!migration.isMigrated()) {
      health.waitingForSchema(); // the server started before its database answered
      return;
    }
    if (!running.compareAndSet(false, true)) {
      again.set(true); // a wake-up during a pass gets a pass of its own right after
      return;
    }
    try {
      // due checks compare with the database's time, never with a host clock that runs ahead
      databaseTime.synchronizeIfDue();
      if (!prepared) {
        engine.prepareDelivery();
        prepared = true;
      }
      deliverAllDue();
      List<IntSupplier> steps =
          List.of(
              engine::expireOwnerships,
              engine::alertOwners,
              // before routing, so a withdrawn offer goes to the next agent in this same pass
              engine::timeOutOffers,
              engine::timeOutCalls,
              engine::route,
              engine::dialReservations,
              engine::timeOutDials);
      boolean woken = false;
      for (IntSupplier step : steps) {
        while (step.getAsInt() == Engine.BATCH) {
          // keep going
        }
        if (again.getAndSet(false)) {
          // woken for callbacks coming due while this pass ran (the wake-up armed for a burst
          // often lands here, a few ms after the pass's own due check): deliver them now, not
          // after the rest of the pass
          deliverAllDue();
          woken = true;
        }
      }
      if (woken) {
        again.set(true); // the steps after the wake-up still get a pass of their own
      }
      armForNextDue();
      if (!warm) {
        rehearseIfBurstComing();
      }
      health.passCompleted();
    } catch (RuntimeException e) {
      // the next tick retries from the table either way
      if (ConcurrentChange.isCauseOf(e)) {
        LOG.log(Level.FINE, "Engine pass lost a version race to another instance", e);
      } else {
        health.passFailed(e);
      }
    } finally {
      running.set(false);
    }
    if (again.getAndSet(false)) {
      run();
    }
  }

  private void deliverAllDue() {
    if (engine.deliverDue() < Engine.DELIVERY_BATCH) {
      return;
    }
    warm = true; // a burst: keep draining before routing
    drain(
        engine::deliverDue,
        Engine.DELIVERY_BATCH,
        dialect.claimsSkipLocked() ? Optional.of(executors.executor()) : Optional.empty());
  }

  /**
   * Runs {@code batch} until it returns less than {@code full}, on this thread and, given a {@code
   * helper}, on one of its threads too; returns once both have stopped, with the first failure of
   * either. On PostgreSQL most of a delivery batch is the database's work (about 15 of 20 ms on two
   * cores go to writing each row's index entries), so a second claimer, whose {@code SKIP LOCKED}
   * claims take the next rows, runs while the first waits: two instances split a burst the same
   * way. On Derby claims do not skip each other's rows, so a second claimer would mostly wait. A
   * helper that has not started by the time this thread is done never runs.
   */
  static void drain(IntSupplier batch, int full, Optional<Executor> helper) {
    AtomicBoolean taken = new AtomicBoolean();
    Runnable drainer =
        () -> {
          while (batch.getAsInt() == full) {
            // keep going
          }
        };
    FutureTask<Void> second =
        new FutureTask<>(
            () -> {
              if (taken.compareAndSet(false, true)) {
                drainer.run();
              }
              return null;
            });
    boolean helping = false;
    if (helper.isPresent()) {
      try {
        helper.get().execute(second);
        helping = true;
      } catch (RejectedExecutionException busy) {
        // the pool is full: this thread drains alone
      }
    }
    RuntimeException failure = null;
    try {
      drainer.run();
    } catch (RuntimeException e) {
      failure = e;
    }
    if (helping && !taken.compareAndSet(false, true)) {
      failure = awaitHelper(second, failure);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException awaitHelper(Future<Void> helper, RuntimeException failure) {
    try {
      helper.get(); // the pass's next steps start on a drained table
      return failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure != null ? failure : new IllegalStateException("Interrupted", e);
    } catch (ExecutionException e) {
      if (failure != null) {
        return failure;
      }
      return e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    }
  }

  /**
   * The first burst after start ran on code the JIT compiler had compiled for the creations before
   * it: Derby's store code met updates it had never seen, and the burst paid for the recompilations
   * (about 1.0-1.4 s where a later burst takes 0.6 s on a 2-core machine). The table says when a
   * burst is coming, so a cold engine writes a few of its batches seconds before and rolls them
   * back. Once per JVM; whatever comes due meanwhile goes first.
   */
  private void rehearseIfBurstComing() {
    Instant now = clock.instant();
    Instant horizon = now.plus(REHEARSAL_LOOK_AHEAD);
    Optional<Instant> burst =
        engine.burstComing(now.plus(REHEARSAL_MARGIN), horizon, REHEARSED_BURST);
    if (burst.isEmpty()) {
      return;
    }
    warm = true;
    int batches = 0;
    // the batches take the first rows coming due by the horizon, a burst spread over seconds too;
    // none starts close to the first of them
    while (rehearsesAnother(batches, clock.instant(), burst.get()) && rehearse(horizon)) {
      batches++;
      deliverAllDue();
    }
    LOG.info(
        String.format(
            "Rehearsed the first burst (first due %s): %d batches in %d ms",
            burst.get(), batches, Duration.between(now, clock.instant()).toMillis()));
  }

  private boolean rehearse(Instant horizon) {
    try {
      engine.rehearseDelivery(horizon);
      return true;
    } catch (RuntimeException e) {
      // a rehearsal changes nothing; the burst is delivered either way
      LOG.log(Level.FINE, "Delivery rehearsal stopped", e);
      return false;
    }
  }

  /**
   * Whether a rehearsal that has written {@code batches} writes another at {@code now}: up to
   * {@link #REHEARSAL_BATCHES}, and none that could still hold rows when the burst comes due.
   */
  static boolean rehearsesAnother(int batches, Instant now, Instant burstAt) {
    return batches < REHEARSAL_BATCHES && now.plus(REHEARSAL_MARGIN).isBefore(burstAt);
  }

  private void armForNextDue() {
    engine
        .nextDue(WAKE_UP_HORIZON)
        .ifPresent(
            next -> {
              Duration wait = Duration.between(clock.instant(), next);
              if (wait.compareTo(WAKE_UP_HORIZON) > 0) {
                return; // beyond the next tick
              }
              if (wait.isNegative()) {
                wait = Duration.ZERO; // came due during this pass: another pass right away
              }
              if (next.equals(armedFor) && armed != null && !armed.isDone()) {
                return;
              }
              armedFor = next;
              armed =
                  executors
                      .scheduler()
                      .schedule(this::run, wait.toMillis() + 1, TimeUnit.MILLISECONDS);
            });
  }
}
