package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import java.time.Instant;

/** An agent's exclusive claim on a callback until an instant. */
public record Ownership(Agent owner, Instant expiresAt) {
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean isOwnedBy(Agent agent) {
    return owner.equals(agent);
  }
}
