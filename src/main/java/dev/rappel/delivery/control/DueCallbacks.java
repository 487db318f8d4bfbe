package dev.rappel.delivery.control;

import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.control.SqlDialect;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's reads of the callback table, the schedule, for the steps after delivery (which is
 * {@link DueDelivery}): ownerships that ended, callbacks waiting for an agent, reservations to
 * dial. Entities changed from these reads carry a {@code @Version}, checked at commit, so two
 * engines never both act on one row.
 */
@Dependent
public class DueCallbacks {
  static final Set<CallbackState> ACTIVE =
      EnumSet.of(
          CallbackState.OFFERED,
          CallbackState.RESERVED,
          CallbackState.DIALING,
          CallbackState.CONNECTED);

  /**
   * An owner's alert not sent yet, on a callback still waiting (SQL over {@code callback c}). Read
   * through {@link #OWNERSHIP_ALERT_INDEX}: the few owned callbacks, not every pending one.
   */
  private static final String ALERT_PENDING =
      "c.owner_agent_id IS NOT NULL AND c.ownership_alerted_at IS NULL AND c.state IN ("
          + CallbackState.WAITING.stream()
              .map(state -> "'" + state.name() + "'")
              .sorted()
              .collect(java.util.stream.Collectors.joining(", "))
          + ")";

  private static final String OWNERSHIP_ALERT_INDEX = "ix_callback_ownership_alert";

  @PersistenceContext EntityManager em;

  @Inject SqlDialect dialect;

  public long countDue(Instant now) {
    return em.createQuery(
            "SELECT COUNT(c) FROM Callback c WHERE c.state IN :states AND c.dueAt <= :now",
            Long.class)
        .setParameter("states", CallbackState.WAITING_FOR_TIME)
        .setParameter("now", now)
        .getSingleResult();
  }

  /**
   * The next instant the engine must act, if any: a callback waiting for its time, or an owner's
   * alert not sent yet that is due by {@code horizon}. The horizon bounds the alert index's scan:
   * without it Derby read the whole index, one entry per callback (most without an alert), on every
   * pass (100,000 entries, 20 ms; at 1,000,000, the pass after a burst's first batch came late).
   */
  public Optional<Instant> nextDue(Instant horizon) {
    // one state at a time, first row in index order: MIN over an IN list made the database read
    // the whole (state, due_at) range of every pending callback on each pass (100,000 rows: a
    // quarter of a second on Derby, paid by every pass and by the first batch of every burst)
    Optional<Instant> next = Optional.empty();
    for (CallbackState state : CallbackState.WAITING_FOR_TIME) {
      Optional<Instant> first =
          em.createQuery(
                  "SELECT c.dueAt FROM Callback c WHERE c.state = :state ORDER BY c.dueAt",
                  Instant.class)
              .setParameter("state", state)
              .setMaxResults(1)
              .getResultStream()
              .findFirst();
      next = earliest(next, first);
    }
    @SuppressWarnings("unchecked")
    Optional<Instant> alert =
        em.createNativeQuery(
                "SELECT c.ownership_alert_at FROM callback c"
                    + dialect.throughIndex(OWNERSHIP_ALERT_INDEX)
                    + "WHERE c.ownership_alert_at <= ? AND "
                    + ALERT_PENDING
                    + " ORDER BY c.ownership_alert_at")
            .setParameter(1, horizon.toEpochMilli())
            .setMaxResults(1)
            .getResultStream()
            .findFirst()
            .map(at -> Instant.ofEpochMilli(((Number) at).longValue()));
    return earliest(next, alert);
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isBefore(b.get()) ? a : b;
  }

  /**
   * Owned callbacks still waiting whose owner's alert is due and not sent yet, soonest first. The
   * alert is marked sent on the row in the step's transaction, whose version check lets only one
   * instance send it.
   */
  public List<Callback> ownershipAlertsDue(Instant now, int limit) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT c.id FROM callback c"
                    + dialect.throughIndex(OWNERSHIP_ALERT_INDEX)
                    + "WHERE c.ownership_alert_at <= ? AND "
                    + ALERT_PENDING
                    + " ORDER BY c.ownership_alert_at, c.id")
            .setParameter(1, now.toEpochMilli())
            .setMaxResults(limit)
            .getResultList();
    return byId(ids);
  }

  /** Owned callbacks whose ownership is over while still waiting. */
  public List<Callback> ownershipOver(Instant now, int limit) {
    return em.createQuery(
            "SELECT c FROM Callback c WHERE c.owner IS NOT NULL AND c.ownershipExpiresAt <= :now"
                + " AND c.state IN :states ORDER BY c.ownershipExpiresAt",
            Callback.class)
        .setParameter("now", now)
        .setParameter("states", CallbackState.WAITING)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Due callbacks that one of the free agents can take, oldest due first (a callback keeps its
   * place): owned ones whose owner is free, others whose preferred agent or a queue member is free.
   * Callbacks nobody can take now do not hold up those behind them.
   */
  public List<Callback> waitingForAgent(Set<Long> freeAgents, int limit) {
    if (freeAgents.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT c FROM Callback c LEFT JOIN c.owner o LEFT JOIN c.preferredAgent p"
                + " WHERE c.state = :state AND ((o IS NOT NULL AND o.id IN :free)"
                + " OR (o IS NULL AND ((p IS NOT NULL AND p.id IN :free) OR EXISTS"
                + " (SELECT m FROM Queue q JOIN q.members m WHERE q = c.queue AND m.id IN :free))))"
                // held callbacks all come due at the opening: their scheduled time keeps their
                // place among each other
                + " ORDER BY c.dueAt, c.scheduledAt, c.id",
            Callback.class)
        .setParameter("state", CallbackState.QUEUED)
        .setParameter("free", freeAgents)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Agents whose status is available (some may hold a callback: see {@link #busyAgentIds}). */
  public Set<Long> availableAgentIds() {
    return new HashSet<>(
        em.createQuery("SELECT a.id FROM Agent a WHERE a.status = :status", Long.class)
            .setParameter("status", RoutingStatus.AVAILABLE)
            .getResultList());
  }

  /**
   * Fences the agent a callback is being handed to and answers whether it is still free. Its
   * version goes up with this step, so two engines (two instances) that each hand the same agent a
   * different callback conflict at commit and one of them rolls back. The version fences only what
   * was committed after the agent row was read, so the agent's callbacks are counted again now,
   * after that read: an offer another instance committed in between is seen here instead.
   */
  public boolean fenceIfFree(Agent agent) {
    long held =
        em.createQuery(
                "SELECT COUNT(c) FROM Callback c WHERE c.assignedAgent.id = :agent"
                    + " AND c.state IN :states",
                Long.class)
            .setParameter("agent", agent.id())
            .setParameter("states", ACTIVE)
            // this transaction's own hand-outs are known to the caller; no flush needed for them
            .setFlushMode(FlushModeType.COMMIT)
            .getSingleResult();
    if (held > 0) {
      return false;
    }
    em.lock(agent, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    return true;
  }

  /** Callbacks dialling since before {@code startedBefore} with no outcome reported. */
  public List<Callback> dialedBefore(Instant dialedBefore, int limit) {
    // the outcome timeout runs from when the platform took the request; a request it has not
    // taken yet is the dial outbox's, which gives up on it after the delivery timeout
    return em.createQuery(
            "SELECT c FROM Callback c JOIN c.attempts a WHERE c.state = :state"
                + " AND a.endedAt IS NULL AND a.dialedAt <= :before ORDER BY a.dialedAt",
            Callback.class)
        .setParameter("state", CallbackState.DIALING)
        .setParameter("before", dialedBefore)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Offers not answered within their queue's {@code offerTimeoutSeconds}, oldest first. Each queue
   * has its own limit, so the deadline is computed in the query (offer instant plus the queue's
   * limit, both plain numbers) rather than compared with one cut-off.
   */
  public List<Callback> offersUnansweredAt(Instant now, int limit) {
    return overdue(
        CallbackState.OFFERED, "c.offered_at", "q.offer_timeout_seconds * 1000", now, limit);
  }

  /** Calls connected longer than their queue's {@code maxCallMinutes}, oldest first. */
  public List<Callback> callsTooLongAt(Instant now, int limit) {
    return overdue(
        CallbackState.CONNECTED, "c.connected_at", "q.max_call_minutes * 60000", now, limit);
  }

  private List<Callback> overdue(
      CallbackState state, String since, String allowedMillis, Instant now, int limit) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT c.id FROM callback c JOIN queue q ON q.id = c.queue_id WHERE c.state = '"
                    + state.name()
                    + "' AND "
                    + since
                    + " + "
                    + allowedMillis
                    + " <= ? ORDER BY "
                    + since
                    + ", c.id")
            .setParameter(1, now.toEpochMilli())
            .setMaxResults(limit)
            .getResultList();
    return byId(ids);
  }

  private List<Callback> byId(List<Number> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT c FROM Callback c WHERE c.id IN :ids ORDER BY c.id", Callback.class)
        .setParameter("ids", ids.stream().map(Number::longValue).toList())
        .getResultList();
  }

  /** Customer-first reservations waiting for their dial. */
  public List<Callback> reserved(int limit) {
    return em.createQuery(
            "SELECT c FROM Callback c WHERE c.state = :state ORDER BY c.dueAt, c.id",
            Callback.class)
        .setParameter("state", CallbackState.RESERVED)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Agents who hold a callback now: one at a time each. */
  public Set<Long> busyAgentIds() {
    return new HashSet<>(
        em.createQuery(
                "SELECT c.assignedAgent.id FROM Callback c WHERE c.state IN :states", Long.class)
            .setParameter("states", ACTIVE)
            .getResultList());
  }

  /** Available members of a queue, longest idle first. */
  public List<Agent> availableMembers(long queueId) {
    return em.createQuery(
            "SELECT m FROM Queue q JOIN q.members m WHERE q.id = :queue AND m.status = :status"
                + " ORDER BY m.statusChangedAt, m.id",
            Agent.class)
        .setParameter("queue", queueId)
        .setParameter("status", RoutingStatus.AVAILABLE)
        .getResultList();
  }

  /** The callbacks an agent holds now (offered, reserved, dialing or connected). */
  public List<Callback> heldBy(long agentId) {
    return em.createQuery(
            "SELECT c FROM Callback c WHERE c.assignedAgent.id = :agent AND c.state IN :states"
                + " ORDER BY c.dueAt",
            Callback.class)
        .setParameter("agent", agentId)
        .setParameter("states", ACTIVE)
        .getResultList();
  }
}
