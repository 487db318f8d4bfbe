package dev.rappel.callback.entity;

/** Where a callback is in its life. */
public enum CallbackState {
  /** Waiting for its instant. */
  SCHEDULED,
  /** Due, waiting for an agent. */
  QUEUED,
  /** Agent first: offered to one agent. */
  OFFERED,
  /** Customer first: an agent is held while the customer is dialled. */
  RESERVED,
  DIALING,
  CONNECTED,
  /** Customer first: waiting for the next attempt. */
  RETRY_WAIT,
  COMPLETED,
  CANCELED,
  /** Owned, ownership over, and the policy did not hand it to the queue. */
  EXPIRED,
  /** Retries exhausted or the number cannot be called. */
  FAILED;

  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELED || this == EXPIRED || this == FAILED;
  }

  /** Not yet in an agent's hands: its time, queue and owner may still change. */
  public boolean isWaiting() {
    return this == SCHEDULED || this == QUEUED || this == RETRY_WAIT;
  }
}
