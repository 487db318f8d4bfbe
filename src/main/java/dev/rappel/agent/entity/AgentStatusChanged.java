package dev.rappel.agent.entity;

/** An agent's routing status changed; observers run in the same transaction. */
public record AgentStatusChanged(long agentId, RoutingStatus from, RoutingStatus to) {}
