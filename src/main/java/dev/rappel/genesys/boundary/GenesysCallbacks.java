package dev.rappel.genesys.boundary;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.boundary.Callbacks;
import dev.rappel.callback.entity.Callback;
import dev.rappel.genesys.entity.CallbackNumbers;
import dev.rappel.genesys.entity.GenesysRouting;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.queue.boundary.Queues;
import dev.rappel.queue.entity.Queue;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Genesys-compatible use cases: each resolves Genesys' references (a queue's or agent's
 * externalId, else its Rappel id; a conversation id, which is the callback's id) and delegates to
 * the callback use case, whose rules apply unchanged. Each method is one transaction.
 */
@Stateless
public class GenesysCallbacks {

  @Inject Callbacks callbacks;

  @Inject Queues queues;

  @Inject Agents agents;

  /** A Genesys create, parsed; queue and agent still as Genesys named them. */
  public record Create(
      GenesysRouting routing,
      CallbackNumbers numbers,
      Optional<String> customerName,
      Optional<Instant> scheduledAt,
      Optional<PhoneNumber> callerId,
      Optional<String> callerIdName,
      Map<String, String> data) {}

  /** A Genesys update of one callback, parsed. */
  public record Patch(
      String conversationId,
      Optional<String> queue,
      Optional<String> agent,
      Optional<Instant> scheduledAt) {}

  public Callback create(Create create, Caller caller) {
    long queue = queueId(create.routing().queue(), "queueId");
    Optional<Long> agent =
        create.routing().agent().map(a -> agentId(a, "routingData.preferredAgentIds"));
    var command =
        new Callbacks.CreateCommand(
            queue,
            create.numbers().dialled(),
            // Genesys does not require a name; Rappel shows one for every callback
            create.customerName().orElse(create.numbers().dialled().e164()),
            create.scheduledAt(),
            Optional.empty(),
            create.callerId(),
            create.callerIdName(),
            agent,
            create.numbers().addOthersTo(create.data()));
    return callbacks.createFromIntegration(
        command, create.routing().owned() ? agent : Optional.empty(), caller);
  }

  /** Reschedules ({@code callbackScheduledTime}), moves ({@code queueId}) and assigns an owner. */
  public Callback patch(Patch patch, Caller caller) {
    long id = callbackId(patch.conversationId());
    Optional<Long> queue = patch.queue().map(q -> queueId(q, "queueId"));
    Optional<Long> owner = patch.agent().map(a -> agentId(a, "agentId"));
    var command =
        new Callbacks.ChangeCommand(
            patch.scheduledAt(), Optional.empty(), queue, owner.isPresent(), owner);
    return callbacks.change(id, command, Optional.empty(), caller);
  }

  /** Genesys' disconnect of a scheduled callback: a cancel. */
  public Callback disconnect(String conversationId, Caller caller) {
    return callbacks.cancel(callbackId(conversationId), Optional.empty(), caller);
  }

  /** The conversation id of a callback: its Rappel id, as a string. */
  public static String conversationId(Callback callback) {
    return callback.id().toString();
  }

  private static long callbackId(String conversationId) {
    if (conversationId != null && conversationId.strip().matches("[0-9]{1,18}")) {
      return Long.parseLong(conversationId.strip());
    }
    throw new NotFound("callback conversation", conversationId);
  }

  private long queueId(String reference, String field) {
    return queues
        .withExternalId(reference)
        .map(Queue::id)
        .or(() -> rappelId(reference))
        .orElseThrow(
            () ->
                new RuleViolation(field, "No queue has the externalId or id '" + reference + "'."));
  }

  private long agentId(String reference, String field) {
    return agents
        .withExternalId(reference)
        .map(Agent::id)
        .or(() -> rappelId(reference))
        .orElseThrow(
            () ->
                new RuleViolation(field, "No agent has the externalId or id '" + reference + "'."));
  }

  private static Optional<Long> rappelId(String reference) {
    return reference.matches("[0-9]{1,18}")
        ? Optional.of(Long.parseLong(reference))
        : Optional.empty();
  }
}
