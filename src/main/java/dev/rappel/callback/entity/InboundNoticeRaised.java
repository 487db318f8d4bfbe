package dev.rappel.callback.entity;

/**
 * An agent was just told that the customer it is talking to has a callback waiting: its desk
 * reloads once this commits. Only the agent's id travels.
 */
public record InboundNoticeRaised(long agentId) {}
