package dev.rappel.callback.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.control.ComplianceGate;
import dev.rappel.callback.entity.AgentScheduleRequest;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.callback.entity.IntegrationRequest;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.control.DatabaseFailures;
import dev.rappel.platform.control.References;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.PreconditionFailed;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.Queue;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The callback use cases, shared by the REST API and the consoles; each method is one transaction.
 */
@Stateless
public class Callbacks {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject References references;

  @Inject CallbackSearch search;

  @Inject ComplianceGate compliance;

  /** What an agent sent to schedule an interaction's callback, parsed but not yet resolved. */
  public record ScheduleCommand(
      Optional<LocalDate> date,
      Optional<LocalTime> time,
      Optional<ZoneId> customerZone,
      Optional<PhoneNumber> phoneNumber,
      Optional<Long> queueId,
      boolean routeToMe,
      boolean takeOwnership,
      Optional<String> notes,
      boolean outsideHoursConsent) {

    public ScheduleCommand(
        Optional<LocalDate> date,
        Optional<LocalTime> time,
        Optional<ZoneId> customerZone,
        Optional<PhoneNumber> phoneNumber,
        Optional<Long> queueId,
        boolean routeToMe,
        boolean takeOwnership,
        Optional<String> notes) {
      this(date, time, customerZone, phoneNumber, queueId, routeToMe, takeOwnership, notes, false);
    }
  }

  /** What an integration sent, parsed but not yet resolved. */
  public record CreateCommand(
      Long queueId,
      PhoneNumber phoneNumber,
      String customerName,
      Optional<Instant> scheduledAt,
      Optional<ZoneId> customerZone,
      Optional<PhoneNumber> callerId,
      Optional<String> callerIdName,
      Optional<Long> preferredAgentId,
      Map<String, String> data,
      boolean outsideHoursConsent) {

    public CreateCommand(
        Long queueId,
        PhoneNumber phoneNumber,
        String customerName,
        Optional<Instant> scheduledAt,
        Optional<ZoneId> customerZone,
        Optional<PhoneNumber> callerId,
        Optional<String> callerIdName,
        Optional<Long> preferredAgentId,
        Map<String, String> data) {
      this(
          queueId,
          phoneNumber,
          customerName,
          scheduledAt,
          customerZone,
          callerId,
          callerIdName,
          preferredAgentId,
          data,
          false);
    }
  }

  /** A change of time, zone, queue or owner; each part only when present. */
  public record ChangeCommand(
      Optional<Instant> scheduledAt,
      Optional<ZoneId> timeZone,
      Optional<Long> queueId,
      boolean ownerGiven,
      Optional<Long> ownerAgentId,
      boolean outsideHoursConsent) {

    public ChangeCommand(
        Optional<Instant> scheduledAt,
        Optional<ZoneId> timeZone,
        Optional<Long> queueId,
        boolean ownerGiven,
        Optional<Long> ownerAgentId) {
      this(scheduledAt, timeZone, queueId, ownerGiven, ownerAgentId, false);
    }
  }

  public Callback scheduleFromInteraction(
      long interactionId, ScheduleCommand command, Caller caller) {
    Interaction interaction = em.find(Interaction.class, interactionId);
    if (interaction == null) {
      throw new NotFound("interaction", interactionId);
    }
    // Serialises two agents scheduling the same interaction at once; the unique key is the
    // backstop.
    interaction.requireHandledBy(caller);
    em.lock(interaction, LockModeType.PESSIMISTIC_WRITE);
    requireNoCallbackYet(interaction);
    return schedule(interaction, command, caller.name());
  }

  /**
   * After a connection (or an agent-first dial that failed) the agent schedules a follow-up: the
   * callback call itself becomes an interaction of type CALLBACK, scheduled like any other. One
   * follow-up per callback.
   */
  public Callback scheduleFollowUp(long callbackId, ScheduleCommand command, Caller caller) {
    Callback original = find(callbackId, caller);
    em.lock(original, LockModeType.PESSIMISTIC_WRITE);
    if (followUpOf(callbackId).isPresent()) {
      throw new Conflict("Callback " + callbackId + " already has a follow-up.");
    }
    return schedule(newFollowUp(original, caller), command, caller.name());
  }

  /**
   * The interaction a follow-up of this callback is scheduled from, for the agent's schedule page:
   * made on the first ask, the same one after that, so a callback still gets one follow-up only.
   */
  public long followUpInteraction(long callbackId, Caller caller) {
    Callback original = find(callbackId, caller);
    em.lock(original, LockModeType.PESSIMISTIC_WRITE);
    Optional<Interaction> existing = followUpOf(callbackId);
    if (existing.isPresent()) {
      existing.get().requireHandledBy(caller);
      return existing.get().id();
    }
    Interaction followUp = newFollowUp(original, caller);
    em.flush();
    return followUp.id();
  }

  /** The callback's call as an interaction, handled by the caller's agent, stored. */
  private Interaction newFollowUp(Callback original, Caller caller) {
    Interaction followUp = original.followUpInteraction(clock);
    followUp.requireHandledBy(caller);
    em.persist(followUp);
    return followUp;
  }

  private Optional<Interaction> followUpOf(long callbackId) {
    return em.createNamedQuery(Interaction.FOLLOWING, Interaction.class)
        .setParameter("callbackId", callbackId)
        .getResultStream()
        .findFirst();
  }

  private Callback schedule(Interaction interaction, ScheduleCommand command, String actor) {
    Violations violations = new Violations();
    Optional<Queue> queue =
        command.queueId().map(id -> violations.check(() -> queue(id, "queueId")));
    violations.throwIfAny();
    var request =
        new AgentScheduleRequest(
            command.date(),
            command.time(),
            command.customerZone(),
            command.phoneNumber(),
            queue,
            command.routeToMe(),
            command.takeOwnership(),
            command.notes());
    Callback callback = Callback.fromInteraction(interaction, request, clock, actor);
    persistCompliant(
        callback,
        command.outsideHoursConsent(),
        command.date().isPresent() ? "date" : "time",
        actor);
    return callback;
  }

  public Callback createFromIntegration(CreateCommand command, Caller caller) {
    return createFromIntegration(command, Optional.empty(), caller);
  }

  /**
   * An integration creates a callback owned by an agent from the start, as the queue's policy on
   * owned callbacks allows (Genesys' agent-owned callbacks); not owned when {@code ownerAgentId} is
   * empty.
   */
  public Callback createFromIntegration(
      CreateCommand command, Optional<Long> ownerAgentId, Caller caller) {
    String actor = caller.name();
    Violations violations = new Violations();
    Queue queue = null;
    if (command.queueId() == null) {
      violations.add("queueId", "is required: the queue that will handle the callback.");
    } else {
      queue = violations.check(() -> queue(command.queueId(), "queueId"));
    }
    Optional<Agent> preferred =
        command.preferredAgentId().map(id -> violations.check(() -> agent(id, "preferredAgentId")));
    Optional<Agent> owner =
        ownerAgentId.map(id -> violations.check(() -> agent(id, "ownerAgentId")));
    violations.throwIfAny();
    var request =
        new IntegrationRequest(
            queue,
            command.phoneNumber(),
            command.customerName(),
            command.scheduledAt(),
            command.customerZone(),
            command.callerId(),
            command.callerIdName(),
            preferred,
            command.data());
    Callback callback = Callback.fromIntegration(request, owner, clock, actor);
    persistCompliant(callback, command.outsideHoursConsent(), "scheduledAt", actor);
    return callback;
  }

  public Callback find(long id, Caller caller) {
    Callback callback = find(id);
    CallbackAccess.of(caller).requirePermits(callback);
    return callback;
  }

  private Callback find(long id) {
    Callback callback = em.find(Callback.class, id);
    if (callback == null) {
      throw new NotFound("callback", id);
    }
    return callback;
  }

  /**
   * Reschedules and reassigns in one step, under the same rules as scheduling. Ownership changes
   * first, so that a move to a queue without owned callbacks can release the owner in the same
   * request.
   *
   * @param expectedVersion the version the client changes ({@code If-Match}), if it named one
   */
  public Callback change(
      long id, ChangeCommand command, Optional<Long> expectedVersion, Caller caller) {
    String actor = caller.name();
    Callback callback = find(id);
    callback.requireManageableBy(caller);
    callback.requireVersion(expectedVersion);
    if (!caller.seesEverything() && (command.queueId().isPresent() || command.ownerGiven())) {
      throw new Forbidden("Only supervisors and admins reassign callbacks.");
    }
    Violations violations = new Violations();
    Optional<Queue> queue = command.queueId().map(q -> violations.check(() -> queue(q, "queueId")));
    Optional<Agent> owner =
        command.ownerAgentId().map(a -> violations.check(() -> agent(a, "ownerAgentId")));
    violations.throwIfAny();

    if (command.ownerGiven() && owner.isEmpty()) {
      callback.releaseOwnership(clock, actor);
    }
    queue.ifPresent(q -> callback.moveToQueue(q, clock, actor));
    if (command.scheduledAt().isPresent() || command.timeZone().isPresent()) {
      CallbackTime current = callback.time();
      CallbackTime target =
          new CallbackTime(
              command.scheduledAt().orElse(current.instant()),
              command.timeZone().orElse(current.zone()));
      if (!target.equals(current)) {
        callback.reschedule(target, clock, actor);
      }
    }
    owner.ifPresent(agent -> callback.assignOwner(agent, clock, actor));
    command.timeZone().ifPresent(zone -> callback.customerGaveZone());
    // the version check first: the compliance queries below flush, and a change lost there must
    // be refused as what it is (412 when the client named its version)
    writeNow(callback, expectedVersion);
    if (command.scheduledAt().isPresent()
        || command.timeZone().isPresent()
        || command.queueId().isPresent()) {
      // a new time, zone or queue (with its own rules) is booked anew
      var verdict =
          compliance.requireBookable(callback, command.outsideHoursConsent(), "scheduledAt", actor);
      compliance.recordBooking(callback, verdict, actor);
    }
    writeNow(callback, expectedVersion);
    return callback;
  }

  /**
   * @param expectedVersion the version the client cancels ({@code If-Match}), if it named one
   */
  public Callback cancel(long id, Optional<Long> expectedVersion, Caller caller) {
    Callback callback = find(id);
    callback.requireManageableBy(caller);
    callback.requireVersion(expectedVersion);
    callback.cancel(clock, caller.name());
    writeNow(callback, expectedVersion);
    return callback;
  }

  /** A supervisor or admin completes a connected callback its agent did not wrap up. */
  public Callback completeBySupervisor(long id, Caller caller) {
    Callback callback = find(id, caller);
    callback.completeBySupervisor(caller, clock);
    return callback;
  }

  /**
   * Writes the change before the use case returns, so that a change lost to a concurrent one (the
   * version check of the UPDATE, or the history's unique step number) is refused here as what it
   * is, and the callback carries its new version for the answer's ETag.
   */
  private void writeNow(Callback callback, Optional<Long> expectedVersion) {
    try {
      em.flush();
    } catch (RuntimeException e) { // EclipseLink's own exceptions are not all PersistenceExceptions
      if (!ConcurrentChange.isCauseOf(e) && !DatabaseFailures.isKeyViolation(e)) {
        throw e; // a busy or absent database is answered as such by DatabaseRefusals
      }
      if (expectedVersion.isPresent()) {
        throw new PreconditionFailed(
            "Callback "
                + callback.id()
                + " changed since version "
                + expectedVersion.get()
                + " while this change was being made; read it again and repeat the change if it"
                + " still applies.");
      }
      throw new ConcurrentChange("Callback " + callback.id());
    }
  }

  private void requireNoCallbackYet(Interaction interaction) {
    long existing =
        em.createNamedQuery(Callback.COUNT_FOR_INTERACTION, Long.class)
            .setParameter("interaction", interaction)
            .getSingleResult();
    if (existing > 0) {
      throw new Conflict(
          "Interaction " + interaction.id() + " already has a callback; only one is allowed.");
    }
  }

  /** Books a new callback: the contact rules first, then the row, then the rules' evidence. */
  private void persistCompliant(
      Callback callback, boolean outsideHoursConsent, String timeField, String actor) {
    var verdict = compliance.requireBookable(callback, outsideHoursConsent, timeField, actor);
    persist(callback);
    compliance.recordBooking(callback, verdict, actor);
    flushBooking();
  }

  private void persist(Callback callback) {
    em.persist(callback);
    flushBooking();
  }

  /**
   * Writes the booking before the use case returns, so a refusal is answered as what it is: a key
   * taken by a concurrent booking is a conflict (and a lock the database could not grant in time is
   * load, answered by DatabaseRefusals), not a failure of the server.
   */
  private void flushBooking() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (DatabaseFailures.isKeyViolation(e)) {
        // The unique key on interaction_id caught a race the check above could not see.
        throw new Conflict("This interaction already has a callback; only one is allowed.");
      }
      throw e;
    }
  }

  private Queue queue(long id, String field) {
    return references.named(Queue.class, id, field);
  }

  private Agent agent(long id, String field) {
    return references.named(Agent.class, id, field);
  }
}
