package dev.rappel.events.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.events.control.SubscriptionsChanged;
import dev.rappel.events.control.WebhookSender;
import dev.rappel.events.control.WebhookTargets;
import dev.rappel.events.entity.DeliveryResult;
import dev.rappel.events.entity.EventFilter;
import dev.rappel.events.entity.WebhookDelivery;
import dev.rappel.events.entity.WebhookSubscription;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.Queue;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions, for admins: subscribe a receiver (its secret shown once), list them with
 * how delivery goes, read a delivery log, send a test event, enable a disabled one, delete one.
 * Changes are audited like tokens.
 */
@Stateless
public class WebhookSubscriptions {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Bytes of a new secret: the Standard Webhooks range is 24 to 64. */
  static final int SECRET_BYTES = 32;

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Audit audit;

  @Inject WebhookTargets targets;

  @Inject WebhookSender sender;

  @Inject WebhookOutbox outbox;

  @Inject Event<SubscriptionsChanged> changed;

  /** A new subscription and, this one time only, its secret. */
  public record Created(WebhookSubscription subscription, String secret) {}

  /**
   * Subscribes {@code url} to the events {@code events} (none: all) of the queues {@code queueIds}
   * (none: all).
   */
  public Created create(
      String url, Collection<String> events, Collection<Long> queueIds, Caller by) {
    by.requireAdmin();
    Violations violations = new Violations();
    EventFilter filter = violations.check(() -> EventFilter.of(events, queueIds));
    targets.refusal(url).ifPresent(problem -> violations.add("url", problem));
    for (Long queue : queueIds == null ? List.<Long>of() : queueIds) {
      if (queue != null && queue > 0 && em.find(Queue.class, queue) == null) {
        violations.add("queueIds", "There is no queue " + queue + ".");
      }
    }
    violations.throwIfAny();
    String secret = newSecret();
    WebhookSubscription subscription =
        new WebhookSubscription(url, filter, secret, clock.instant(), by.name());
    em.persist(subscription);
    em.flush();
    audit.record(
        by.name(),
        "WEBHOOK_SUBSCRIBED",
        "webhook:" + subscription.id(),
        subscription.url()
            + (filter.events().isEmpty() ? "" : " events " + filter.events())
            + (filter.queueIds().isEmpty() ? "" : " queues " + filter.queueIds()));
    changed.fire(new SubscriptionsChanged());
    return new Created(subscription, secret);
  }

  /** {@code whsec_} and the base64 of 32 random bytes (Standard Webhooks). */
  static String newSecret() {
    byte[] key = new byte[SECRET_BYTES];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  public List<WebhookSubscription> all(Caller by) {
    by.requireAdmin();
    return em.createNamedQuery(WebhookSubscription.ALL, WebhookSubscription.class).getResultList();
  }

  public WebhookSubscription one(long id, Caller by) {
    by.requireAdmin();
    return find(id);
  }

  /** Its last tries, newest first. */
  public List<DeliveryResult> deliveries(long id, Caller by) {
    by.requireAdmin();
    find(id);
    return em
        .createNamedQuery(WebhookDelivery.NEWEST, WebhookDelivery.class)
        .setParameter("subscription", id)
        .setMaxResults(WebhookDelivery.KEEP)
        .getResultList()
        .stream()
        .map(WebhookDelivery::result)
        .toList();
  }

  /** Sends from now on; its address is checked again, as at creation. */
  public WebhookSubscription enable(long id, Caller by) {
    by.requireAdmin();
    WebhookSubscription subscription = find(id);
    targets
        .refusal(subscription.url())
        .ifPresent(
            problem -> {
              throw new RuleViolation("url", problem);
            });
    if (!subscription.isEnabled()) {
      subscription.enable();
      audit.record(by.name(), "WEBHOOK_ENABLED", "webhook:" + id, null);
      changed.fire(new SubscriptionsChanged());
    }
    return subscription;
  }

  /** Deletes it, with its pending events and its delivery log. */
  public void delete(long id, Caller by) {
    by.requireAdmin();
    WebhookSubscription subscription = find(id);
    outbox.forgetStream(id);
    em.createNamedQuery(WebhookDelivery.FORGET).setParameter("subscription", id).executeUpdate();
    em.remove(subscription);
    audit.record(by.name(), "WEBHOOK_DELETED", "webhook:" + id, subscription.url());
    changed.fire(new SubscriptionsChanged());
  }

  /**
   * Sends a signed test event now, outside any transaction (the receiver may take seconds), and
   * answers how it went; the try goes to the delivery log. A disabled subscription can be tested
   * too, before it is enabled again.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public DeliveryResult test(long id, Caller by) {
    by.requireAdmin();
    WebhookSubscription subscription = find(id);
    WebhookSender.Target target =
        new WebhookSender.Target(id, subscription.url(), subscription.secret());
    Optional<String> refusal = targets.refusal(subscription.url());
    DeliveryResult result =
        refusal
            .map(why -> sender.notSent("ping", "not sent: " + why))
            .orElseGet(() -> sender.ping(target));
    outbox.logTest(id, result);
    return result;
  }

  private WebhookSubscription find(long id) {
    WebhookSubscription subscription = em.find(WebhookSubscription.class, id);
    if (subscription == null) {
      throw new NotFound("webhook subscription", id);
    }
    return subscription;
  }
}
