package dev.rappel.callback.entity;

import java.util.List;

/**
 * Steps just written to callbacks' history, fired inside the transaction that wrote them: observed
 * synchronously by what must commit with the history (the webhook outbox), and after the commit
 * ({@code AFTER_SUCCESS}) by what announces the steps (event streams, agent desks, the cluster).
 * The entity model fires one per history row it inserts; the bulk delivery path one per batch, so
 * its observers handle a batch at once: one deferred notification per observer and transaction, not
 * one per step. Steps relayed from other instances arrive as single {@link CallbackChanged} events
 * instead.
 */
public record StepsRecorded(List<CallbackChanged> steps) {
  public StepsRecorded {
    steps = List.copyOf(steps);
  }
}
