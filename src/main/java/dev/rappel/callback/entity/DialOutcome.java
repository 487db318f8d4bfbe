package dev.rappel.callback.entity;

/** How one dial attempt ended. */
public enum DialOutcome {
  ANSWERED,
  NO_ANSWER,
  BUSY,
  MACHINE,
  FAILED
}
