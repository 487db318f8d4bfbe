package dev.rappel.interaction.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.interaction.entity.InteractionRecorded;
import dev.rappel.interaction.entity.MediaType;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.control.References;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.Queue;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Use cases of interactions as the ACD reports them; each method is one transaction. */
@Stateless
public class Interactions {

  @PersistenceContext EntityManager em;

  @Inject References references;

  @Inject Clock clock;

  /** Heard in this transaction by the features above: callbacks waiting for this customer. */
  @Inject Event<InteractionRecorded> recorded;

  public Interaction record(
      MediaType mediaType, Long queueId, Optional<PhoneNumber> ani, Long agentId) {
    return record(mediaType, queueId, ani, agentId, Optional.empty());
  }

  /** An interaction as the ACD reports it, by this reporter (who may then read it back). */
  public Interaction record(
      MediaType mediaType,
      Long queueId,
      Optional<PhoneNumber> ani,
      Long agentId,
      Optional<String> reporter) {
    Violations violations = new Violations();
    Queue queue = null;
    if (queueId == null) {
      violations.add("queueId", "is required: the queue that received the interaction.");
    } else {
      queue = violations.check(() -> references.named(Queue.class, queueId, "queueId"));
    }
    Agent agent =
        agentId == null
            ? null
            : violations.check(() -> references.named(Agent.class, agentId, "agentId"));
    violations.throwIfAny();
    if (mediaType == null) {
      throw new RuleViolation("mediaType", "is required.");
    }
    Interaction interaction = new Interaction(mediaType, queue, ani, agent, clock);
    reporter.ifPresent(interaction::reportedBy);
    em.persist(interaction);
    em.flush();
    recorded.fire(new InteractionRecorded(interaction));
    return interaction;
  }

  public Interaction find(long id, Caller caller) {
    Interaction interaction = em.find(Interaction.class, id);
    if (interaction == null) {
      throw new NotFound("interaction", id);
    }
    interaction.requireVisibleTo(caller);
    return interaction;
  }

  /** Forgets the caller's number {@code number} on every interaction; answers how many. */
  public int eraseNumber(PhoneNumber number) {
    return em.createNamedQuery(Interaction.ERASE_NUMBER)
        .setParameter("ani", number.e164())
        .executeUpdate();
  }

  /**
   * Forgets the caller's number of the interactions {@code ids} and of those that followed the
   * callbacks {@code callbackIds} (their calls): the retention period of those callbacks is over.
   */
  public int eraseNumbersOf(Collection<Long> ids, Collection<Long> callbackIds) {
    int erased = 0;
    if (!ids.isEmpty()) {
      erased +=
          em.createNamedQuery(Interaction.ERASE_BY_ID).setParameter("ids", ids).executeUpdate();
    }
    if (!callbackIds.isEmpty()) {
      erased +=
          em.createNamedQuery(Interaction.ERASE_FOLLOWING)
              .setParameter("callbackIds", callbackIds)
              .executeUpdate();
    }
    return erased;
  }

  /**
   * Forgets the caller's number of every interaction reported at or before {@code cutoff}, with a
   * callback or not: its retention period is over. Answers how many.
   */
  public int eraseNumbersReportedBefore(Instant cutoff) {
    return em.createNamedQuery(Interaction.ERASE_OLDER)
        .setParameter("cutoff", cutoff)
        .executeUpdate();
  }
}
