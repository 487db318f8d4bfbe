package dev.rappel.agent.entity;

/** Whether an agent can be given work now. */
public enum RoutingStatus {
  /** Not taking ACD work. */
  OFF_QUEUE,
  /** On queue and idle: can be offered a callback. */
  AVAILABLE,
  /** On queue, on an interaction. */
  BUSY
}
