package dev.rappel.interaction.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import java.time.Instant;

/** An interaction as the API shows it. */
public record InteractionView(
    long id, String mediaType, long queueId, String ani, Long agentId, Instant createdAt) {

  public static InteractionView of(Interaction interaction) {
    return new InteractionView(
        interaction.id(),
        interaction.mediaType().name(),
        interaction.queue().id(),
        interaction.ani().map(PhoneNumber::e164).orElse(null),
        interaction.agent().map(Agent::id).orElse(null),
        interaction.createdAt());
  }
}
