package dev.rappel.queue.entity;

/**
 * What happens to a callback waiting on a queue when the same customer reaches an agent another way
 * (an interaction from the same number on that queue).
 */
public enum InboundContactAction {
  /** The callback is canceled: the customer got through. */
  CANCEL,
  /** The agent handling the interaction is told and cancels or keeps it with one click. */
  NOTIFY,
  /** Nothing happens. */
  KEEP
}
