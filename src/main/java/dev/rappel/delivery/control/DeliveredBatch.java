package dev.rappel.delivery.control;

import java.time.Instant;
import java.util.List;

/**
 * A batch of callbacks the bulk path delivered at {@code at}, announced in its transaction and
 * heard once that transaction has committed ({@link EngineMetrics}).
 */
public record DeliveredBatch(Instant at, List<DueDelivery.Delivered> delivered) {
  public DeliveredBatch {
    delivered = List.copyOf(delivered);
  }
}
