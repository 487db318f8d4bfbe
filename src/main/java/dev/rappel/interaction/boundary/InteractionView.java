package dev.rappel.interaction.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.interaction.entity.WaitingCallback;
import dev.rappel.phone.entity.PhoneNumber;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An interaction as the API shows it. */
public record InteractionView(
    long id,
    String mediaType,
    long queueId,
    String ani,
    Long agentId,
    Instant createdAt,
    @Schema(
            type = SchemaType.ARRAY,
            implementation = WaitingCallback.class,
            description =
                "On the answer to a create only: the callbacks that were waiting on this queue for"
                    + " this number, and what was done (the queue's onInboundContact): CANCELED, or"
                    + " NOTIFIED for the agent to cancel or keep"
                    + " (POST /interactions/{id}/waiting-callbacks/{callbackId}/cancel or /keep)")
        List<WaitingCallback> waitingCallbacks) {

  public static InteractionView of(Interaction interaction) {
    return new InteractionView(
        interaction.id(),
        interaction.mediaType().name(),
        interaction.queue().id(),
        interaction.ani().map(PhoneNumber::e164).orElse(null),
        interaction.agent().map(Agent::id).orElse(null),
        interaction.createdAt(),
        interaction.waitingCallbacks());
  }
}
