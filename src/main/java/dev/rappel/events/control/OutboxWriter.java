package dev.rappel.events.control;

import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.StepsRecorded;
import dev.rappel.platform.control.IdBlocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the webhook outbox rows of recorded steps inside the transaction that records them (a
 * synchronous observer), so a step and its row commit or roll back together. It writes with one
 * batched INSERT on that transaction's connection: the entity model hands over its steps while it
 * writes them (an entity listener, where the entity manager must not be used), the bulk delivery
 * path a whole batch at once. The values are those of a new {@link
 * dev.rappel.events.entity.OutboxEvent}.
 *
 * <p>One row per step and subscriber ({@link SubscriberDirectory}): the configured subscriber gets
 * every step, each enabled subscription those its filter lets through. Nothing is written while
 * there is no subscriber: nothing piles up, and a subscriber added later receives the steps
 * recorded from then on, not the whole history.
 */
@ApplicationScoped
public class OutboxWriter {
  private static final String INSERT =
      "INSERT INTO webhook_outbox"
          + " (id, subscription_id, callback_id, seq, created_at, attempts, next_attempt_at)"
          + " VALUES (?, ?, ?, ?, ?, 0, ?)";

  /** The sequence of the rows' ids (as {@link dev.rappel.events.entity.OutboxEvent} maps it). */
  private static final String IDS = "webhook_outbox_seq";

  @PersistenceContext EntityManager em;

  @Inject SubscriberDirectory directory;

  @Inject IdBlocks ids;

  void write(@Observes StepsRecorded recorded) {
    if (recorded.steps().isEmpty()) {
      return;
    }
    List<SubscriberDirectory.Subscriber> subscribers = directory.subscribers();
    if (subscribers.isEmpty()) {
      return;
    }
    // the connection of this transaction's persistence context (not closed here: it is the
    // context's)
    Connection connection = em.unwrap(Connection.class);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      boolean any = false;
      for (CallbackChanged step : recorded.steps()) {
        long at = step.at().toEpochMilli();
        for (SubscriberDirectory.Subscriber subscriber : subscribers) {
          if (!subscriber.filter().matches(step.event(), step.queueId())) {
            continue;
          }
          insert.setLong(1, ids.next(connection, IDS));
          insert.setLong(2, subscriber.id());
          insert.setLong(3, step.callbackId());
          insert.setInt(4, step.sequence());
          insert.setLong(5, at);
          insert.setLong(6, at);
          insert.addBatch();
          any = true;
        }
      }
      if (any) {
        insert.executeBatch();
      }
    } catch (SQLException e) {
      throw new PersistenceException("Writing the webhook outbox failed: " + e.getMessage(), e);
    }
  }
}
