package dev.rappel.delivery.control;

/**
 * A dial request was written to the outbox: after the commit the sender is woken to hand it over at
 * once instead of at its next tick. Carries nothing; the outbox is the truth.
 */
public record DialQueued(long callbackId) {}
