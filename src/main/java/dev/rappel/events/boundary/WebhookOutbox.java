package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.HistoryEntry;
import dev.rappel.events.control.SubscriptionsChanged;
import dev.rappel.events.control.WebhookSender;
import dev.rappel.events.entity.Backlog;
import dev.rappel.events.entity.DeliveryResult;
import dev.rappel.events.entity.OutboxEvent;
import dev.rappel.events.entity.WebhookDelivery;
import dev.rappel.events.entity.WebhookLease;
import dev.rappel.events.entity.WebhookSubscription;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox side of webhooks, one transaction per step: the sender's lease, the pending events
 * (written by {@link dev.rappel.events.control.OutboxWriter} with the steps they carry), what
 * became of those sent, and the purge of delivered ones. The HTTP calls happen between these steps,
 * outside any transaction.
 */
@Stateless
public class WebhookOutbox {
  private static final Logger LOG = Logger.getLogger(WebhookOutbox.class.getName());

  /** Events read per batch. */
  public static final int BATCH = 100;

  /** How long a sender holds the lease without renewing it: how soon another takes over. */
  static final Duration LEASE = Duration.ofSeconds(30);

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Event<SubscriptionsChanged> changed;

  @Inject
  @ConfigProperty(name = "rappel.webhooks.disable-after-hours", defaultValue = "72")
  long disableAfterHours;

  @Inject
  @ConfigProperty(name = "rappel.webhooks.retention-days", defaultValue = "7")
  int retentionDays;

  /**
   * Takes or renews the sender's lease for {@code instance}: until when it holds it, or empty while
   * another instance does.
   */
  public Optional<Instant> claim(String instance) {
    WebhookLease lease = em.find(WebhookLease.class, WebhookLease.SENDER);
    if (lease == null || !lease.claim(instance, clock.instant(), LEASE)) {
      return Optional.empty();
    }
    try {
      em.flush();
    } catch (OptimisticLockException lost) {
      // another instance took it since it was read; this transaction rolls back
      return Optional.empty();
    }
    return Optional.of(lease.heldUntil());
  }

  /**
   * Pending events of the configured subscriber's stream of callbacks that have none waiting for a
   * retry, each callback's first ones in order; {@link Backlog} decides what goes.
   */
  public List<Backlog.Pending> pending() {
    return pending(WebhookSubscription.CONFIGURED);
  }

  /** The same in the stream of subscription {@code subscription}. */
  public List<Backlog.Pending> pending(long subscription) {
    return em
        .createNamedQuery(OutboxEvent.SENDABLE, Object[].class)
        .setParameter("now", clock.instant())
        .setParameter("subscription", subscription)
        .setMaxResults(BATCH)
        .getResultList()
        .stream()
        .map(
            row ->
                new Backlog.Pending(
                    (OutboxEvent) row[0], CallbackChanged.of((HistoryEntry) row[1])))
        .toList();
  }

  /**
   * Records a pass of {@code instance}: events taken are done, the others wait for their retry.
   * Only while it still holds the lease: an instance that was frozen past its lease (a long pause,
   * {@code SIGSTOP}) and wakes up to write what it sent before is refused, since another instance
   * has taken over those events. Answers whether the results were written.
   */
  public boolean record(String instance, Backlog.Sent sent) {
    Instant now = clock.instant();
    WebhookLease lease = em.find(WebhookLease.class, WebhookLease.SENDER);
    if (lease == null || !lease.isHeldBy(instance, now)) {
      LOG.info(
          () ->
              "Results of "
                  + sent.taken().size()
                  + " webhook sends refused: this instance's lease ran out meanwhile, another"
                  + " sends those events");
      return false;
    }
    // a takeover between this read and the commit changes the lease's version: the commit fails
    em.lock(lease, LockModeType.OPTIMISTIC);
    sent.taken()
        .forEach(
            (event, taken) -> {
              OutboxEvent row = em.find(OutboxEvent.class, event.row().id());
              if (row == null) {
                return;
              }
              if (taken) {
                row.delivered(now);
              } else {
                row.refused(now);
              }
            });
    return true;
  }

  /**
   * The subscriptions to send to now, as the sender needs them: enabled ones, with where and how to
   * sign.
   */
  public List<WebhookSender.Target> enabledSubscriptions() {
    return em
        .createNamedQuery(WebhookSubscription.ENABLED, WebhookSubscription.class)
        .getResultList()
        .stream()
        .map(s -> new WebhookSender.Target(s.id(), s.url(), s.secret()))
        .toList();
  }

  /**
   * Records a pass over a subscription's stream: the events taken are done, the others wait for
   * their retry; every try goes to its delivery log (trimmed to its last {@link
   * WebhookDelivery#KEEP}), and its state follows: a success ends its failing, a failure that has
   * lasted {@code rappel.webhooks.disable-after-hours} disables it and drops its pending events.
   */
  public void record(
      String instance, long subscription, Backlog.Sent sent, List<DeliveryResult> tries) {
    if (!record(instance, sent)) {
      return;
    }
    WebhookSubscription subscriber = em.find(WebhookSubscription.class, subscription);
    if (subscriber == null) {
      return; // deleted meanwhile; its rows went with it
    }
    log(subscriber, tries);
    Duration disableAfter = Duration.ofHours(disableAfterHours);
    for (DeliveryResult result : tries) {
      if (result.delivered()) {
        subscriber.succeeded(result.at());
      } else if (subscriber.failed(result.at(), result.failure(), disableAfter)) {
        subscriber.droppedPending(forgetStream(subscription));
        LOG.warning(
            () ->
                "Webhook subscription "
                    + subscription
                    + " disabled: "
                    + subscriber.disabledReason().orElse(""));
        changed.fire(new SubscriptionsChanged());
      }
    }
  }

  /** Writes tries to a subscription's delivery log and trims it to its last ones. */
  public void log(WebhookSubscription subscription, List<DeliveryResult> tries) {
    if (tries.isEmpty()) {
      return;
    }
    tries.forEach(result -> em.persist(new WebhookDelivery(subscription.id(), result)));
    em.flush();
    List<Long> newest =
        em.createNamedQuery(WebhookDelivery.NEWEST_IDS, Long.class)
            .setParameter("subscription", subscription.id())
            .setMaxResults(WebhookDelivery.KEEP + 1)
            .getResultList();
    WebhookDelivery.oldestKept(newest)
        .ifPresent(
            oldest ->
                em.createNamedQuery(WebhookDelivery.TRIM)
                    .setParameter("subscription", subscription.id())
                    .setParameter("oldestKept", oldest)
                    .executeUpdate());
  }

  /** Writes a test event's try to the log of subscription {@code id}, if it still exists. */
  public void logTest(long id, DeliveryResult result) {
    WebhookSubscription subscription = em.find(WebhookSubscription.class, id);
    if (subscription != null) {
      log(subscription, List.of(result));
    }
  }

  /** Deletes a subscription's outbox rows, sent or not: how many went. */
  public int forgetStream(long subscription) {
    return em.createNamedQuery(OutboxEvent.FORGET_SUBSCRIPTION)
        .setParameter("subscription", subscription)
        .executeUpdate();
  }

  /**
   * Deletes delivered events older than the retention ({@code rappel.webhooks.retention-days}),
   * and, with no subscriber configured, undelivered ones as old: {@link OutboxEvent#isPurgedAt};
   * and the rows of subscriptions deleted or disabled since another instance wrote them. The
   * history keeps every step.
   */
  public int purge(boolean subscribed) {
    Instant cutoff = OutboxEvent.purgeCutoff(clock.instant(), Duration.ofDays(retentionDays));
    int purged =
        em.createNamedQuery(OutboxEvent.PURGE_DELIVERED)
            .setParameter("cutoff", cutoff)
            .executeUpdate();
    if (!subscribed) {
      purged +=
          em.createNamedQuery(OutboxEvent.PURGE_UNDELIVERABLE)
              .setParameter("cutoff", cutoff)
              .executeUpdate();
    }
    purged += em.createNamedQuery(OutboxEvent.PURGE_UNSUBSCRIBED).executeUpdate();
    return purged;
  }

  /**
   * Forgets the outbox rows of the callbacks {@code callbackIds}, sent or not: their personal data
   * is being erased. Steps recorded later (the erasure itself) get rows of their own, so the
   * subscriber still hears of the erasure. Answers how many rows went.
   */
  public int forgetCallbacks(Collection<Long> callbackIds) {
    if (callbackIds.isEmpty()) {
      return 0;
    }
    return em.createNamedQuery(OutboxEvent.FORGET_CALLBACKS)
        .setParameter("callbackIds", callbackIds)
        .executeUpdate();
  }
}
