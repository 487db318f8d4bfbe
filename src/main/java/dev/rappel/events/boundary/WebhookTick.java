package dev.rappel.events.boundary;

import dev.rappel.events.control.WebhookMetrics;
import dev.rappel.events.control.WebhookSender;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends pending events to the webhook subscriber every second, in order (a failed one holds back
 * the ones after it until it goes through). Delivery is at least once: an event sent but not
 * recorded (a crash between the two) is sent again, with the same event id, so receivers drop
 * duplicates by id.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
// no transaction around a pass: each engine step commits on its own, batch by batch
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WebhookTick {
  private static final Logger LOG = Logger.getLogger(WebhookTick.class.getName());

  @Inject WebhookOutbox outbox;

  @Inject WebhookSender sender;

  @Inject WebhookMetrics metrics;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void tick() {
    if (!sender.isConfigured() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      var pending = outbox.pending();
      while (!pending.isEmpty()) {
        Map<Long, Boolean> results = new LinkedHashMap<>();
        for (var event : pending) {
          boolean delivered = sender.send(event.event());
          results.put(event.rowId(), delivered);
          metrics.sent(delivered);
          if (!delivered) {
            break; // keep the order: nothing after an event the subscriber has not taken
          }
        }
        outbox.record(results);
        if (results.containsValue(false) || pending.size() < WebhookOutbox.BATCH) {
          break; // the subscriber is struggling, or all is sent: wait for the next tick
        }
        pending = outbox.pending();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Webhook publishing interrupted; the next tick goes on", e);
    } finally {
      running.set(false);
    }
  }
}
