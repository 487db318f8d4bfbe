package dev.rappel.events.control;

/**
 * Fired in a transaction that created, deleted, enabled or disabled a subscription: once it ends,
 * this instance reads the subscriptions again before it writes the next step ({@link
 * SubscriberDirectory}).
 */
public record SubscriptionsChanged() {}
