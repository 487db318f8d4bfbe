package dev.rappel.events.control;

import dev.rappel.events.entity.EventFilter;
import dev.rappel.events.entity.WebhookSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who receives the steps being recorded: the subscriber configured in the settings (every event)
 * and each enabled subscription with its filter. Steps are recorded in every transaction that
 * changes a callback, so the subscriptions are read at most every {@link #FRESH_FOR} rather than
 * each time; a change made on this instance is seen at once ({@link #forget}), one made on another
 * instance within that time.
 */
@ApplicationScoped
public class SubscriberDirectory {
  private static final String ENABLED =
      "SELECT id, events, queue_ids FROM webhook_subscription WHERE disabled_at IS NULL";

  static final Duration FRESH_FOR = Duration.ofSeconds(2);

  /** One stream of the outbox and the events it takes. */
  public record Subscriber(long id, EventFilter filter) {}

  private record Snapshot(List<Subscriber> subscribers, Instant readAt) {}

  @PersistenceContext EntityManager em;

  @Inject WebhookSender sender;

  @Inject Clock clock;

  private volatile Snapshot snapshot;

  /** The outbox streams to write the steps recorded now to. */
  public List<Subscriber> subscribers() {
    Instant now = clock.instant();
    Snapshot current = snapshot;
    if (current == null
        || now.isBefore(current.readAt())
        || !now.isBefore(current.readAt().plus(FRESH_FOR))) {
      current = new Snapshot(read(), now);
      snapshot = current;
    }
    return current.subscribers();
  }

  /** The subscriptions changed here: read them again before the next write. */
  public void forget() {
    snapshot = null;
  }

  void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) SubscriptionsChanged change) {
    forget();
  }

  private List<Subscriber> read() {
    List<Subscriber> subscribers = new ArrayList<>();
    if (sender.isConfigured()) {
      subscribers.add(new Subscriber(WebhookSubscription.CONFIGURED, EventFilter.ALL));
    }
    // plain JDBC on the transaction's connection: this runs while the entity manager flushes the
    // history (see OutboxWriter), where it must not be used
    Connection connection = em.unwrap(Connection.class);
    try (PreparedStatement select = connection.prepareStatement(ENABLED);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        subscribers.add(
            new Subscriber(
                rows.getLong(1), EventFilter.fromColumns(rows.getString(2), rows.getString(3))));
      }
    } catch (SQLException e) {
      throw new PersistenceException("Reading webhook subscriptions failed: " + e.getMessage(), e);
    }
    return List.copyOf(subscribers);
  }
}
