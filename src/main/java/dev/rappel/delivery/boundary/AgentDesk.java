package dev.rappel.delivery.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.boundary.InboundContacts;
import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.InboundNotice;
import dev.rappel.delivery.control.DueCallbacks;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * What an agent's desk shows, read in one transaction: the agent and its routing status, the
 * callback offered to it or in its hands, the callbacks still to come that involve it, and the
 * calls it made lately (where it schedules a follow-up).
 */
@Stateless
public class AgentDesk {
  static final int UPCOMING_SHOWN = 50;
  static final int RECENT_HOURS = 12;
  static final int RECENT_SHOWN = 10;

  @PersistenceContext EntityManager em;

  @Inject CallbackSearch search;

  @Inject DueCallbacks due;

  @Inject Clock clock;

  @Inject InboundContacts contacts;

  /** The desk of a user who is no agent (an admin): nothing to show. */
  public static final View EMPTY =
      new View(Optional.empty(), List.of(), List.of(), 0, List.of(), List.of());

  /** Everything the desk shows. {@code upcomingTotal} counts beyond the rows shown. */
  public record View(
      Optional<DeskAgent> agent,
      List<DeskCallback> held,
      List<DeskCallback> upcoming,
      long upcomingTotal,
      List<RecentCall> recent,
      List<WaitingNotice> waitingCallbacks)
      implements Serializable {}

  /**
   * The customer of an interaction the agent handles has a callback waiting on that queue: the
   * agent cancels or keeps it.
   */
  public record WaitingNotice(
      long interactionId, long callbackId, String number, ZonedDateTime customerTime)
      implements Serializable {}

  /** The agent at its desk, and why the system set its status if it did ("not responding"). */
  public record DeskAgent(
      long id, String name, RoutingStatus status, Optional<String> statusReason, ZoneId zone)
      implements Serializable {}

  /** One callback as the agent sees it: the customer's local time and the agent's. */
  public record DeskCallback(
      long id,
      String customer,
      String number,
      ZonedDateTime customerTime,
      ZonedDateTime agentTime,
      String queue,
      CallbackState state,
      Optional<ZonedDateTime> ownedUntil,
      boolean ownershipEnding)
      implements Serializable {}

  /** A call the agent made lately, and whether its follow-up is scheduled. */
  public record RecentCall(
      long id,
      String customer,
      String number,
      ZonedDateTime started,
      Optional<String> outcome,
      CallbackState state,
      boolean followUpScheduled)
      implements Serializable {}

  public View read(Caller caller) {
    if (caller.agentId().isEmpty()) {
      return EMPTY;
    }
    long agentId = caller.agentId().get();
    Agent agent = em.find(Agent.class, agentId);
    if (agent == null) {
      throw new NotFound("agent", agentId);
    }
    ZoneId zone = agent.timeZone().orElse(clock.getZone());
    List<DeskCallback> held = due.heldBy(agentId).stream().map(c -> row(c, agentId, zone)).toList();
    CallbackFilter waiting =
        new CallbackFilter(
            CallbackState.WAITING,
            Optional.empty(),
            Optional.of(agentId),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    CallbackSearch.Page upcoming =
        search.find(waiting, CallbackAccess.of(caller), 0, UPCOMING_SHOWN);
    return new View(
        Optional.of(
            new DeskAgent(agentId, agent.name(), agent.status(), agent.statusReason(), zone)),
        held,
        upcoming.items().stream().map(c -> row(c, agentId, zone)).toList(),
        upcoming.total(),
        recentCalls(agentId, zone),
        contacts.openFor(agentId).stream().map(AgentDesk::notice).toList());
  }

  private static WaitingNotice notice(InboundNotice n) {
    var time = n.callback().time();
    return new WaitingNotice(
        n.interaction().id(),
        n.callback().id(),
        n.callback().shownNumber(),
        time.instant().atZone(time.zone()));
  }

  private DeskCallback row(Callback c, long agentId, ZoneId agentZone) {
    var time = c.time();
    return new DeskCallback(
        c.id(),
        c.customerName().orElse(""),
        c.shownNumber(),
        time.instant().atZone(time.zone()),
        time.instant().atZone(agentZone),
        c.queue().name(),
        c.state(),
        c.ownership()
            .filter(o -> o.owner().id() == agentId)
            .map(o -> o.expiresAt().atZone(agentZone)),
        c.ownership().filter(o -> o.owner().id() == agentId).isPresent()
            && c.ownershipAlertAt().map(at -> !clock.instant().isBefore(at)).orElse(false));
  }

  /**
   * The callbacks the agent dialled in the last hours that have ended or are on the line, newest
   * first.
   */
  private List<RecentCall> recentCalls(long agentId, ZoneId zone) {
    return em.createQuery(
            "SELECT DISTINCT a.callback FROM Attempt a WHERE a.agent.id = :agent"
                + " AND a.startedAt >= :since AND a.callback.state IN :states",
            Callback.class)
        .setParameter("agent", agentId)
        .setParameter("since", clock.instant().minus(Duration.ofHours(RECENT_HOURS)))
        .setParameter(
            "states",
            EnumSet.of(CallbackState.CONNECTED, CallbackState.COMPLETED, CallbackState.FAILED))
        .getResultStream()
        .filter(c -> c.currentAttempt().agent() != null)
        .filter(c -> c.currentAttempt().agent().id() == agentId)
        .sorted(Comparator.comparing((Callback c) -> c.currentAttempt().startedAt()).reversed())
        .limit(RECENT_SHOWN)
        .map(
            c -> {
              var attempt = c.currentAttempt();
              Instant started = attempt.startedAt();
              return new RecentCall(
                  c.id(),
                  c.customerName().orElse(""),
                  c.shownNumber(),
                  started.atZone(zone),
                  attempt.outcome().map(Enum::name),
                  c.state(),
                  followUpScheduled(c.id()));
            })
        .toList();
  }

  private boolean followUpScheduled(long callbackId) {
    return em.createNamedQuery(Interaction.FOLLOWING, Interaction.class)
        .setParameter("callbackId", callbackId)
        .getResultStream()
        .findFirst()
        .map(
            followUp ->
                em.createNamedQuery(Callback.COUNT_FOR_INTERACTION, Long.class)
                        .setParameter("interaction", followUp)
                        .getSingleResult()
                    > 0)
        .orElse(false);
  }
}
