package dev.rappel.callback.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.entity.AgentScheduleRequest;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.callback.entity.IntegrationRequest;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.control.References;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.Queue;
import dev.rappel.security.entity.Caller;
import dev.rappel.security.entity.Forbidden;
import dev.rappel.security.entity.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
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

  /** What an agent sent to schedule an interaction's callback, parsed but not yet resolved. */
  public record ScheduleCommand(
      Optional<LocalDate> date,
      Optional<LocalTime> time,
      Optional<ZoneId> customerZone,
      Optional<PhoneNumber> phoneNumber,
      Optional<Long> queueId,
      boolean routeToMe,
      boolean takeOwnership,
      Optional<String> notes) {}

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
      Map<String, String> data) {}

  /** A change of time, zone, queue or owner; each part only when present. */
  public record ChangeCommand(
      Optional<Instant> scheduledAt,
      Optional<ZoneId> timeZone,
      Optional<Long> queueId,
      boolean ownerGiven,
      Optional<Long> ownerAgentId) {}

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

  private boolean hasCallback(Interaction interaction) {
    return em.createNamedQuery(Callback.COUNT_FOR_INTERACTION, Long.class)
            .setParameter("interaction", interaction)
            .getSingleResult()
        > 0;
  }

  private Optional<Interaction> followUpOf(long callbackId) {
    return em.createNamedQuery(Interaction.FOLLOWING, Interaction.class)
        .setParameter("callbackId", callbackId)
        .getResultStream()
        .findFirst();
  }

  /** A call an agent made lately, and whether its follow-up is scheduled. */
  public record RecentCall(Callback callback, boolean followUpScheduled) {}

  /**
   * The callbacks an agent dialled in the last {@code hours} hours that have ended or are on the
   * line, newest first: where the agent schedules a follow-up.
   */
  public List<RecentCall> recentCallsOf(Caller caller, int hours, int max) {
    long agent = caller.actingAgent(null);
    return em.createQuery(
            "SELECT DISTINCT a.callback FROM Attempt a WHERE a.agent.id = :agent"
                + " AND a.startedAt >= :since AND a.callback.state IN :states",
            Callback.class)
        .setParameter("agent", agent)
        .setParameter("since", clock.instant().minus(Duration.ofHours(hours)))
        .setParameter(
            "states",
            EnumSet.of(CallbackState.CONNECTED, CallbackState.COMPLETED, CallbackState.FAILED))
        .getResultStream()
        .filter(c -> c.currentAttempt().agent() != null)
        .filter(c -> caller.isAgent(c.currentAttempt().agent().id()))
        .sorted(Comparator.comparing((Callback c) -> c.currentAttempt().startedAt()).reversed())
        .limit(max)
        .map(c -> new RecentCall(c, followUpOf(c.id()).map(this::hasCallback).orElse(false)))
        .toList();
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
    persist(callback);
    return callback;
  }

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
      String existingCallback)
      implements java.io.Serializable {

    public boolean hasCallback() {
      return existingCallback != null;
    }
  }

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
        existing
            .map(
                c ->
                    "A callback is already scheduled for this interaction ("
                        + c.time().describe()
                        + ", "
                        + c.state()
                        + "): only one callback per interaction.")
            .orElse(null));
  }

  /** The queues an agent may send a callback to, when its queue's policy lets it choose. */
  public List<Queue> queues() {
    return em.createNamedQuery(Queue.ALL, Queue.class).getResultList();
  }

  public Callback createFromIntegration(CreateCommand command, Caller caller) {
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
    Callback callback = Callback.fromIntegration(request, clock, actor);
    persist(callback);
    return callback;
  }

  public Callback find(long id, Caller caller) {
    Callback callback = find(id);
    callback.requireVisibleTo(caller);
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
   * Supervisors and admins list every callback; agents their own; integrations what they created.
   */
  public CallbackSearch.Page list(CallbackFilter filter, int page, int size, Caller caller) {
    return search.find(visibleTo(filter, caller), page, size);
  }

  /** How many callbacks of the list the caller may see. */
  public long count(CallbackFilter filter, Caller caller) {
    return search.count(visibleTo(filter, caller));
  }

  /** The lines of the list from {@code first} on, in the order asked, for a view that counted. */
  public List<CallbackSearch.Line> lines(
      CallbackFilter filter, CallbackSearch.Sort sort, int first, int size, Caller caller) {
    return search.lines(visibleTo(filter, caller), sort, first, size);
  }

  /**
   * The supervisor's overview: callbacks in each state, those due in the next hour, and those due
   * in each of the next 24 hours, the first hour starting at the top of the current hour in {@code
   * zone}.
   */
  public record Summary(
      Map<CallbackState, Long> byState, long dueNextHour, Instant firstHour, long[] perHour) {}

  public Summary summary(ZoneId zone, Caller caller) {
    if (!caller.seesEverything()) {
      throw new Forbidden("Only supervisors and admins see the overview of every callback.");
    }
    Instant now = clock.instant();
    Instant firstHour = now.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    return new Summary(
        search.countsByState(),
        search.dueBetween(now, now.plus(Duration.ofHours(1))),
        firstHour,
        search.duePerHour(firstHour, 24));
  }

  private static CallbackFilter visibleTo(CallbackFilter filter, Caller caller) {
    if (caller.seesEverything()) {
      return filter;
    }
    if (caller.agentId().isPresent()) {
      return filter.onlyOfAgent(caller.agentId().get());
    }
    if (caller.is(Role.INTEGRATION)) {
      return filter.onlyCreatedBy(caller.name());
    }
    throw new Forbidden("Your role does not allow listing callbacks.");
  }

  /**
   * Reschedules and reassigns in one step, under the same rules as scheduling. Ownership changes
   * first, so that a move to a queue without owned callbacks can release the owner in the same
   * request.
   */
  public Callback change(long id, ChangeCommand command, Caller caller) {
    String actor = caller.name();
    Callback callback = find(id);
    callback.requireManageableBy(caller);
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
    return callback;
  }

  public Callback cancel(long id, Caller caller) {
    Callback callback = find(id);
    callback.requireManageableBy(caller);
    callback.cancel(clock, caller.name());
    return callback;
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

  private void persist(Callback callback) {
    try {
      em.persist(callback);
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueKeyViolation(e)) {
        // The unique key on interaction_id caught a race the check above could not see.
        throw new Conflict("This interaction already has a callback; only one is allowed.");
      }
      throw e;
    }
  }

  private static boolean isUniqueKeyViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState().startsWith("23");
      }
    }
    return false;
  }

  private Queue queue(long id, String field) {
    return references.named(Queue.class, id, field);
  }

  private Agent agent(long id, String field) {
    return references.named(Agent.class, id, field);
  }
}
