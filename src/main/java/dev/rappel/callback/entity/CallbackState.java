package dev.rappel.callback.entity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

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

  /** The states of a callback waiting for its instant: the ones delivery looks at. */
  public static final Set<CallbackState> WAITING_FOR_TIME =
      Collections.unmodifiableSet(EnumSet.of(SCHEDULED, RETRY_WAIT));

  /** Not yet in an agent's hands: its time, queue and owner may still change. */
  public static final Set<CallbackState> WAITING =
      Collections.unmodifiableSet(EnumSet.of(SCHEDULED, QUEUED, RETRY_WAIT));

  /** Where a callback goes when its instant comes: its queue's line. */
  public static final CallbackState ON_DELIVERY = QUEUED;

  /** The states as SQL string literals, for native statements ({@code state IN (...)}). */
  public static String sqlLiterals(Set<CallbackState> states) {
    return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
  }

  public boolean isWaitingForItsTime() {
    return WAITING_FOR_TIME.contains(this);
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELED || this == EXPIRED || this == FAILED;
  }

  public boolean isWaiting() {
    return WAITING.contains(this);
  }
}
