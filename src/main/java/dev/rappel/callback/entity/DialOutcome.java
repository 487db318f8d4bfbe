package dev.rappel.callback.entity;

/** How one dial attempt ended. */
public enum DialOutcome {
  ANSWERED,
  NO_ANSWER,
  BUSY,
  MACHINE,
  FAILED,
  /**
   * The dial request never reached the telephony platform: nobody called the customer, so it is not
   * a customer attempt and the callback goes back to its queue. Recorded by Rappel, never reported.
   */
  NOT_DIALED;

  /** Whether the customer's phone may have rung: what retry limits count. */
  public boolean isCustomerAttempt() {
    return this != NOT_DIALED;
  }

  /** What the telephony platform may report; NOT_DIALED is Rappel's own. */
  public boolean isReportable() {
    return this != NOT_DIALED;
  }
}
