package dev.rappel.queue.entity;

/** How a queue connects a due callback: agent on the line first, or customer answered first. */
public enum CallbackMode {
  /** The agent accepts, is on the line while the system dials; a failed dial is not retried. */
  AGENT_FIRST,
  /** The system reserves an agent, dials, and connects the agent once the customer answered. */
  CUSTOMER_FIRST
}
