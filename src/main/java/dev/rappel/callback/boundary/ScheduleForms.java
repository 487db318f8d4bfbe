package dev.rappel.callback.boundary;

import dev.rappel.callback.control.SlotBookings;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.compliance.entity.Destination;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.queue.entity.Queue;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the agent's schedule page reads: the interactions an agent handles, the form of one of them
 * with the product's defaults and its queue's policy, and the queues it may choose. Each method is
 * one transaction.
 */
@Stateless
public class ScheduleForms {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject SlotBookings slots;

  /** One line of an agent's interactions, with the callback it already has. */
  public record AgentInteraction(
      long id, String mediaType, String ani, String queueName, Instant createdAt, Long callbackId)
      implements java.io.Serializable {}

  /** The interactions an agent handles, newest first (all recent ones for an admin). */
  public List<AgentInteraction> interactionsOf(Caller caller) {
    String jpql =
        "SELECT i, c.id FROM Interaction i LEFT JOIN Callback c ON c.interaction = i"
            + (caller.agentId().isPresent() ? " WHERE i.agent.id = :agent" : "")
            + " ORDER BY i.createdAt DESC, i.id DESC";
    var query = em.createQuery(jpql, Object[].class).setMaxResults(50);
    caller.agentId().ifPresent(agent -> query.setParameter("agent", agent));
    return query.getResultList().stream()
        .map(
            row -> {
              Interaction i = (Interaction) row[0];
              return new AgentInteraction(
                  i.id(),
                  i.mediaType().name(),
                  i.ani().map(PhoneNumber::e164).orElse(""),
                  i.queue().name(),
                  i.createdAt(),
                  (Long) row[1]);
            })
        .toList();
  }

  /**
   * What the schedule form of an interaction starts from: the product's defaults and the policy.
   */
  public record ScheduleForm(
      long interactionId,
      String mediaType,
      String ani,
      long queueId,
      String queueName,
      boolean queueSelection,
      boolean ownedCallbacks,
      String agentZone,
      LocalDate today,
      LocalDate lastDay,
      LocalDate lastOwnedDay,
      LocalDate date,
      LocalTime time,
      List<ExistingCallback> existing)
      implements java.io.Serializable {

    /**
     * The callback the interaction already has, if any. Kept as a list of none or one: the form
     * travels in the page's view state, which the server serializes, and Optional is not
     * serializable.
     */
    public Optional<ExistingCallback> existingCallback() {
      return existing.stream().findFirst();
    }
  }

  /** The callback an interaction already has: it may have only one. */
  public record ExistingCallback(long id, String time, CallbackState state)
      implements java.io.Serializable {}

  public ScheduleForm scheduleForm(long interactionId, Caller caller) {
    Interaction interaction = em.find(Interaction.class, interactionId);
    if (interaction == null) {
      throw new NotFound("interaction", interactionId);
    }
    interaction.requireHandledBy(caller);
    ZoneId zone = interaction.agent().map(a -> a.workingZone(clock)).orElse(clock.getZone());
    CallbackTime defaults =
        CallbackTime.fromAgentInput(Optional.empty(), Optional.empty(), zone, clock);
    var local = defaults.instant().atZone(zone);
    Queue queue = interaction.queue();
    Optional<Callback> existing =
        em.createNamedQuery(Callback.FOR_INTERACTION, Callback.class)
            .setParameter("interaction", interaction)
            .getResultStream()
            .findFirst();
    return new ScheduleForm(
        interaction.id(),
        interaction.mediaType().name(),
        interaction.ani().map(PhoneNumber::e164).orElse(""),
        queue.id(),
        queue.name(),
        queue.settings().allowsAgentQueueSelection(),
        queue.settings().ownedCallbacks().isEnabled(),
        zone.getId(),
        LocalDate.now(clock.withZone(zone)),
        CallbackTime.latestFrom(clock.instant(), zone).toLocalDate(),
        queue
            .settings()
            .ownedCallbacks()
            .latestSchedule(clock.instant())
            .atZone(zone)
            .toLocalDate(),
        local.toLocalDate(),
        local.toLocalTime(),
        existing.stream()
            .map(c -> new ExistingCallback(c.id(), c.time().describe(), c.state()))
            .toList());
  }

  /**
   * A queue's calling hours as the customer's clock reads them: in the zones the booking check
   * reads them in ({@link Destination#of}), or without a zone while the number is not valid. Empty
   * when the queue has no calling hours.
   *
   * @param fallback the zone the form's time is read in when the customer gave none
   */
  public Optional<String> callingHours(
      long queueId, Optional<PhoneNumber> number, Optional<ZoneId> given, ZoneId fallback) {
    Queue queue = em.find(Queue.class, queueId);
    if (queue == null) {
      return Optional.empty();
    }
    return queue
        .settings()
        .contactPolicy()
        .callingHours()
        .map(
            hours -> {
              Optional<Destination> destination =
                  number.map(n -> Destination.of(given, n, fallback));
              ZoneId first = destination.map(d -> d.zones().get(0)).orElse(fallback);
              return "Calling hours ("
                  + destination.map(Destination::describe).orElse("the customer's local time")
                  + "): "
                  + hours.summary(LocalDate.now(clock.withZone(first)));
            });
  }

  /**
   * The slots of that day (in the zone the form's time is read in) that have no room left, for the
   * page to show before the agent picks a time; empty when the queue has no slot limit or none is
   * full.
   */
  public Optional<String> fullSlots(long queueId, LocalDate day, ZoneId zone) {
    Queue queue = em.find(Queue.class, queueId);
    if (queue == null || day == null) {
      return Optional.empty();
    }
    return queue
        .settings()
        .slotCapacity()
        .flatMap(
            capacity -> {
              List<String> full =
                  slots
                      .occupancy(
                          queue,
                          capacity,
                          day.atStartOfDay(zone).toInstant(),
                          day.plusDays(1).atStartOfDay(zone).toInstant())
                      .entrySet()
                      .stream()
                      .filter(slot -> slot.getValue() >= capacity.maxCallbacks())
                      .map(slot -> slot.getKey().start().atZone(zone).toLocalTime().toString())
                      .toList();
              return full.isEmpty()
                  ? Optional.empty()
                  : Optional.of(
                      "Full that day ("
                          + zone.getId()
                          + "), no room left: "
                          + String.join(", ", full));
            });
  }

  /** The queues an agent may send a callback to, when its queue's policy lets it choose. */
  public List<Queue> queues() {
    return em.createNamedQuery(Queue.ALL, Queue.class).getResultList();
  }
}
