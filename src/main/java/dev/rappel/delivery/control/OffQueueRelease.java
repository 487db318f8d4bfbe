package dev.rappel.delivery.control;

import dev.rappel.agent.entity.AgentStatusChanged;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * An agent who goes off queue cannot take what it was given: a reservation is released and an offer
 * withdrawn, in the same transaction as the status change, and the engine routes them again. Calls
 * already dialling or connected go on.
 */
@Dependent
public class OffQueueRelease {

  @Inject DueCallbacks due;

  @Inject Clock clock;

  void onStatusChange(@Observes AgentStatusChanged change) {
    if (change.to() != RoutingStatus.OFF_QUEUE) {
      return;
    }
    for (Callback callback : due.heldBy(change.agentId())) {
      if (callback.state() == CallbackState.RESERVED) {
        callback.releaseReservation(clock, "went off queue");
      } else if (callback.state() == CallbackState.OFFERED) {
        callback.withdrawOffer(clock, "went off queue");
      }
    }
  }
}
