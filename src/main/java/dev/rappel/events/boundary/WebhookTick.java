package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.events.control.WebhookMetrics;
import dev.rappel.events.control.WebhookSender;
import dev.rappel.events.control.WebhookTargets;
import dev.rappel.events.entity.Backlog;
import dev.rappel.events.entity.DeliveryResult;
import dev.rappel.events.entity.WebhookSubscription;
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
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Sends pending events to the webhook subscribers every second (the one configured in the settings,
 * then each enabled subscription, each from its own stream of the outbox), from one instance at a
 * time: the one holding the sender's lease, which it renews batch by batch. Each callback's events
 * go in order; one the subscriber refuses holds back only its own callback's later events ({@link
 * Backlog}). Delivery is at least once: an event sent but not recorded (a crash between the two, or
 * a lease that ran out mid-send) is sent again, with the same event id, so receivers drop
 * duplicates by id. The lease holder also purges delivered events past their retention.
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

  /** The longest a subscription that refused a whole pass waits before its next. */
  static final Duration MAX_PAUSE = Duration.ofMinutes(1);

  @Inject WebhookOutbox outbox;

  @Inject WebhookSender sender;

  @Inject WebhookTargets targets;

  @Inject WebhookMetrics metrics;

  @Inject Clock clock;

  /** This instance, as the lease names its holder. */
  private final String instance = UUID.randomUUID().toString();

  private final AtomicBoolean running = new AtomicBoolean();

  private Instant nextPurge = Instant.MIN;

  // what the subscription being sent to did this pass, and the pauses of those that refused
  private final AtomicBoolean sentAny = new AtomicBoolean();
  private final AtomicBoolean refusedAny = new AtomicBoolean();
  private final Map<Long, Integer> refusedPasses = new ConcurrentHashMap<>();
  private final Map<Long, Instant> pausedUntil = new ConcurrentHashMap<>();

  @Inject DatabaseMigration migration;

  @Inject ManagedExecutors executors;

  /** Says at deployment, not only in readiness, that a subscriber without a secret gets nothing. */
  /** A database outage interrupts every pass: one line a minute says so, not one per pass. */
  private ThrottledLog interruptions;

  @PostConstruct
  void checkConfiguration() {
    interruptions = new ThrottledLog(LOG, Duration.ofMinutes(1), clock);
    sender.refusal().ifPresent(LOG::severe);
  }

  /**
   * Only triggers: the pass runs on a managed thread, since Payara expunges a timer whose callbacks
   * fail twice, and meeting a database that is down counts as failing even when caught.
   */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void tick() {
    executors.executor().execute(this::pass);
  }

  /** One pass: claim or renew the lease, purge when due, send. */
  void pass() {
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
      send(lease.get());
    } catch (RuntimeException e) {
      interruptions.warnFailure("Webhook publishing interrupted; the next tick goes on", e);
    } finally {
      running.set(false);
    }
  }

  /**
   * The configured subscriber's stream, then each enabled subscription's, each on a renewed lease:
   * a subscription whose receiver refuses holds back only its own stream, and one that refused a
   * whole pass waits a little (doubling up to a minute) before its next, so a receiver that answers
   * slowly or not at all does not slow the others pass after pass.
   */
  private void send(Instant leaseEnd) {
    if (sender.canSend()
        && !stream(
            WebhookSubscription.CONFIGURED,
            leaseEnd,
            this::deliver,
            sent -> outbox.record(instance, sent))) {
      return;
    }
    List<WebhookSender.Target> subscriptions = outbox.enabledSubscriptions();
    Optional<Instant> held = Optional.of(leaseEnd);
    for (WebhookSender.Target target : subscriptions) {
      held = renewedIfShort(held.get());
      if (held.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      if (now.isBefore(pausedUntil.getOrDefault(target.subscriptionId(), Instant.MIN))) {
        continue;
      }
      List<DeliveryResult> tries = new ArrayList<>();
      // looked up once a pass, and only when there is something to send
      Map<String, Optional<String>> refusal = new HashMap<>();
      boolean complete =
          stream(
              target.subscriptionId(),
              held.get(),
              event -> {
                DeliveryResult result =
                    refusal
                        .computeIfAbsent(target.url(), targets::refusal)
                        .map(why -> sender.notSent(event.eventId(), "not sent: " + why))
                        .orElseGet(() -> sender.deliver(target, event));
                tries.add(result);
                metrics.sent(result.delivered());
                return result.delivered();
              },
              sent -> {
                if (!sent.taken().isEmpty()) {
                  outbox.record(instance, target.subscriptionId(), sent, List.copyOf(tries));
                }
                tries.clear();
              });
      pauseIfRefused(target.subscriptionId(), sentAny, refusedAny);
      sentAny.set(false);
      refusedAny.set(false);
      if (!complete) {
        return;
      }
    }
  }

  /**
   * The lease as it is while a pass may still start on it, else renewed: renewing for every
   * subscription would write the lease row as often as there are subscriptions.
   */
  private Optional<Instant> renewedIfShort(Instant heldUntil) {
    return clock.instant().isBefore(heldUntil.minus(SEND_ROOM.multipliedBy(2)))
        ? Optional.of(heldUntil)
        : outbox.claim(instance);
  }

  /**
   * One stream's pending events, batch by batch while the lease lasts: false when the lease needs
   * renewing before anything else is sent.
   */
  private boolean stream(
      long subscription,
      Instant leaseEnd,
      Predicate<CallbackChanged> deliver,
      Consumer<Backlog.Sent> record) {
    Optional<Instant> held = Optional.of(leaseEnd);
    for (int batch = 0; batch < MAX_BATCHES && held.isPresent(); batch++) {
      Instant stopAt = held.get().minus(SEND_ROOM);
      List<Backlog.Pending> pending = outbox.pending(subscription);
      boolean[] outOfTime = {false};
      Backlog.Sent sent =
          Backlog.at(clock.instant(), pending)
              .send(
                  event -> {
                    boolean taken = deliver.test(event);
                    (taken ? sentAny : refusedAny).set(true);
                    return taken;
                  },
                  () -> {
                    outOfTime[0] = !clock.instant().isBefore(stopAt);
                    return !outOfTime[0];
                  });
      record.accept(sent);
      if (outOfTime[0]) {
        return false;
      }
      if (!sent.complete() || pending.size() < WebhookOutbox.BATCH) {
        return true; // all sent, or the subscriber is struggling
      }
      held = outbox.claim(instance);
    }
    return held.isPresent();
  }

  private void pauseIfRefused(long subscription, AtomicBoolean sent, AtomicBoolean refused) {
    if (sent.get() || !refused.get()) {
      refusedPasses.remove(subscription);
      pausedUntil.remove(subscription);
      return;
    }
    int passes = refusedPasses.merge(subscription, 1, Integer::sum);
    long seconds = Math.min(1L << Math.min(passes - 1, 6), MAX_PAUSE.toSeconds());
    pausedUntil.put(subscription, clock.instant().plusSeconds(seconds));
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
