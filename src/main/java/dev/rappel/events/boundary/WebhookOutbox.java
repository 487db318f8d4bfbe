package dev.rappel.events.boundary;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.HistoryEntry;
import dev.rappel.events.entity.Backlog;
import dev.rappel.events.entity.OutboxEvent;
import dev.rappel.events.entity.WebhookLease;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox side of webhooks, one transaction per step: the sender's lease, the pending events
 * (written by {@link dev.rappel.events.control.OutboxWriter} with the steps they carry), what
 * became of those sent, and the purge of delivered ones. The HTTP calls happen between these steps,
 * outside any transaction.
 */
@Stateless
public class WebhookOutbox {
  /** Events read per batch. */
  public static final int BATCH = 100;

  /** How long a sender holds the lease without renewing it: how soon another takes over. */
  static final Duration LEASE = Duration.ofSeconds(30);

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

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
   * Pending events of callbacks that have none waiting for a retry, each callback's first ones in
   * order; {@link Backlog} decides what goes.
   */
  public List<Backlog.Pending> pending() {
    return em
        .createNamedQuery(OutboxEvent.SENDABLE, Object[].class)
        .setParameter("now", clock.instant())
        .setMaxResults(BATCH)
        .getResultList()
        .stream()
        .map(
            row ->
                new Backlog.Pending(
                    (OutboxEvent) row[0], CallbackChanged.of((HistoryEntry) row[1])))
        .toList();
  }

  /** Records a pass: events taken are done, the others wait for their retry. */
  public void record(Backlog.Sent sent) {
    Instant now = clock.instant();
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
  }

  /**
   * Deletes delivered events older than the retention ({@code rappel.webhooks.retention-days}),
   * and, with no subscriber configured, undelivered ones as old: {@link OutboxEvent#isPurgedAt}.
   * The history keeps every step.
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
