package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.events.control.WebhookMetrics;
import dev.rappel.events.control.WebhookSender;
import dev.rappel.events.entity.Backlog;
import dev.rappel.platform.control.DatabaseMigration;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends pending events to the webhook subscriber every second, from one instance at a time: the one
 * holding the sender's lease, which it renews batch by batch. Each callback's events go in order;
 * one the subscriber refuses holds back only its own callback's later events ({@link Backlog}).
 * Delivery is at least once: an event sent but not recorded (a crash between the two, or a lease
 * that ran out mid-send) is sent again, with the same event id, so receivers drop duplicates by id.
 * The lease holder also purges delivered events past their retention.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
// no transaction around a pass: each outbox step commits on its own, batch by batch
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WebhookTick {
  private static final Logger LOG = Logger.getLogger(WebhookTick.class.getName());

  /**
   * A pass starts no send with less than this left on its lease: one send's connect and answer
   * timeouts, so no send outlives the lease and overlaps the next holder's.
   */
  static final Duration SEND_ROOM = Duration.ofSeconds(10);

  /** Batches per tick at most, so a steady stream cannot keep one tick running for ever. */
  static final int MAX_BATCHES = 20;

  static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  @Inject WebhookOutbox outbox;

  @Inject WebhookSender sender;

  @Inject WebhookMetrics metrics;

  @Inject Clock clock;

  /** This instance, as the lease names its holder. */
  private final String instance = UUID.randomUUID().toString();

  private final AtomicBoolean running = new AtomicBoolean();

  private Instant nextPurge = Instant.MIN;

  @Inject DatabaseMigration migration;

  /** Says at deployment, not only in readiness, that a subscriber without a secret gets nothing. */
  @PostConstruct
  void checkConfiguration() {
    sender.refusal().ifPresent(LOG::severe);
  }

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void tick() {
    if (!migration.isMigrated()) {
      return; // the server started before its database answered
    }
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      Optional<Instant> lease = outbox.claim(instance);
      if (lease.isEmpty()) {
        return; // another instance sends
      }
      purgeWhenDue();
      if (sender.canSend()) {
        send(lease.get());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Webhook publishing interrupted; the next tick goes on", e);
    } finally {
      running.set(false);
    }
  }

  private void send(Instant leaseEnd) {
    Optional<Instant> held = Optional.of(leaseEnd);
    for (int batch = 0; batch < MAX_BATCHES && held.isPresent(); batch++) {
      Instant stopAt = held.get().minus(SEND_ROOM);
      List<Backlog.Pending> pending = outbox.pending();
      Backlog.Sent sent =
          Backlog.at(clock.instant(), pending)
              .send(this::deliver, () -> clock.instant().isBefore(stopAt));
      outbox.record(sent);
      if (!sent.complete() || pending.size() < WebhookOutbox.BATCH) {
        return; // all sent, or the subscriber is struggling, or the lease needs renewing first
      }
      held = outbox.claim(instance);
    }
  }

  private boolean deliver(CallbackChanged event) {
    boolean taken = sender.send(event);
    metrics.sent(taken);
    return taken;
  }

  private void purgeWhenDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextPurge)) {
      return;
    }
    nextPurge = now.plus(PURGE_EVERY);
    int purged = outbox.purge(sender.isConfigured());
    if (purged > 0) {
      LOG.fine(() -> "Purged " + purged + " webhook outbox rows past their retention");
    }
  }
}
