package dev.rappel.platform.entity;

/** What a user or token may do; groups map one to one to Jakarta Security roles. */
public enum Role {
  /** Schedules and handles its own callbacks. */
  AGENT,
  /** Sees and controls every callback; reads queues and agents. */
  SUPERVISOR,
  /** Everything, including queue policy, agents, users and tokens. */
  ADMIN,
  /** Another system: creates interactions and callbacks, reports dials, reads what it created. */
  INTEGRATION;

  public static final String AGENT_NAME = "AGENT";
  public static final String SUPERVISOR_NAME = "SUPERVISOR";
  public static final String ADMIN_NAME = "ADMIN";
  public static final String INTEGRATION_NAME = "INTEGRATION";
}
