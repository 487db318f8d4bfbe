package dev.rappel.callback.entity;

import java.util.List;

/**
 * Steps just written to callbacks' history, fired synchronously inside the transaction that wrote
 * them, for what must commit with the history (the webhook outbox). The entity model fires one per
 * history row it inserts; the bulk delivery path one per batch, so its observers can write a batch
 * too. {@link CallbackChanged}, fired beside it, is the announcement observers hear after commit.
 */
public record StepsRecorded(List<CallbackChanged> steps) {
  public StepsRecorded {
    steps = List.copyOf(steps);
  }
}
