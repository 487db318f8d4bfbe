package dev.rappel.delivery.boundary;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.control.ComplianceGate;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.callback.entity.StepsRecorded;
import dev.rappel.delivery.control.DeliveredBatch;
import dev.rappel.delivery.control.DialQueued;
import dev.rappel.delivery.control.DueCallbacks;
import dev.rappel.delivery.control.DueDelivery;
import dev.rappel.delivery.control.EngineMetrics;
import dev.rappel.queue.entity.CallbackMode;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The engine's steps, each one transaction, driven by ticks: due callbacks to their queue, owned
 * callbacks whose ownership ended, waiting callbacks to free agents, and reservations to the
 * dialer. Each step's effects (state, history, outbox, dial request) commit together or not at all.
 */
@Stateless
public class Engine {
  public static final int BATCH = 100;

  /** Deliveries per transaction: a burst of 10,000 commits 20 times, not 10,000. */
  public static final int DELIVERY_BATCH = 500;

  @Inject Clock clock;

  @Resource SessionContext context;

  @Inject DueCallbacks due;

  @Inject DueDelivery delivery;

  @Inject Event<StepsRecorded> recorded;

  @Inject Event<DialQueued> dialsQueued;

  @Inject Event<DeliveredBatch> deliveredBatches;

  @Inject EngineMetrics metrics;

  @Inject ComplianceGate compliance;

  @Inject
  @ConfigProperty(name = "rappel.dialer.outcome-timeout-seconds", defaultValue = "120")
  long outcomeTimeoutSeconds;

  /** Readies the bulk delivery path, so the first burst after start runs as fast as the next. */
  public void prepareDelivery() {
    delivery.prepare();
  }

  /**
   * The first due instant of a burst of at least {@code size} callbacks coming due between {@code
   * from} and {@code to}, if one is coming.
   */
  public Optional<Instant> burstComing(Instant from, Instant to, int size) {
    return delivery.burstComing(from, to, size);
  }

  /**
   * Writes one delivery batch of the callbacks coming due by {@code by} and rolls it back: the
   * first burst after start then runs on code the JIT compiler has compiled for it, instead of
   * paying for those compilations while its callbacks wait. It runs the very code of {@link
   * #deliverDue}, steps handed over included, so nothing of a delivery's path in this transaction
   * is left cold. Nothing of it commits: no state, no history or outbox row; and nothing that waits
   * for a commit hears of it: no event stream, desk, cluster or metric.
   */
  public int rehearseDelivery(Instant by) {
    int claimed = deliver(by);
    context.setRollbackOnly();
    return claimed;
  }

  /**
   * Marks up to one delivery batch of due callbacks QUEUED, in bulk. Returns how many due rows it
   * read: a full batch means more may be waiting.
   */
  public int deliverDue() {
    return deliver(clock.instant());
  }

  private int deliver(Instant now) {
    DueDelivery.Batch batch = delivery.deliver(now, DELIVERY_BATCH);
    if (batch.delivered().isEmpty()) {
      return batch.claimed();
    }
    List<CallbackChanged> steps =
        batch.delivered().stream().map(delivered -> delivered.event(now)).toList();
    // the bulk path writes no entity, so it hands over its steps itself, as one batch: to what
    // commits with it (the webhook outbox, in one batched INSERT) and to the announcements
    recorded.fire(new StepsRecorded(steps));
    // counted once committed: a batch that rolls back delivered nothing
    deliveredBatches.fire(new DeliveredBatch(now, batch.delivered()));
    return batch.claimed();
  }

  /** Ends ownerships that are over: to the queue or EXPIRED, by the queue's policy. */
  public int expireOwnerships() {
    List<Callback> over = due.ownershipOver(clock.instant(), BATCH);
    int changed = 0;
    for (Callback callback : over) {
      if (callback.expireOwnershipIfOver(clock)) {
        changed++;
      }
    }
    return changed;
  }

  /**
   * Alerts owners whose ownership ends within their queue's {@code ownershipAlertMinutes}: once per
   * ownership period, at the alert's instant ({@code OWNERSHIP_EXPIRING}, an event like any step).
   */
  public int alertOwners() {
    int alerted = 0;
    for (Callback callback : due.ownershipAlertsDue(clock.instant(), BATCH)) {
      if (callback.alertOwnerIfDue(clock)) {
        alerted++;
      }
    }
    return alerted;
  }

  /**
   * Hands waiting callbacks, oldest due first, to free agents: offered (agent first) or reserved
   * and dialled (customer first). An agent gets one callback at a time, cluster-wide: the agent row
   * is fenced with the step.
   */
  public int route() {
    Set<Long> busy = due.busyAgentIds();
    Set<Long> free = due.availableAgentIds();
    free.removeAll(busy);
    List<Callback> waiting = due.waitingForAgent(free, BATCH);
    if (waiting.isEmpty()) {
      return 0;
    }
    Map<Long, List<Agent>> membersByQueue = new HashMap<>();
    int routed = 0;
    for (Callback callback : waiting) {
      List<Agent> members =
          membersByQueue.computeIfAbsent(
              callback.queue().id(), queueId -> due.availableMembers(queueId));
      Optional<Agent> agent =
          callback.pickAgent(members, a -> a.isAvailable() && !busy.contains(a.id()));
      if (agent.isEmpty()) {
        continue;
      }
      if (!compliance.clearForDial(callback)) {
        continue; // held, deferred or canceled by the contact rules, in this same transaction
      }
      busy.add(agent.get().id());
      if (!due.fenceIfFree(agent.get())) {
        continue; // another instance handed this agent a callback since the agents were read
      }
      if (callback.queue().settings().mode() == CallbackMode.CUSTOMER_FIRST) {
        callback.reserve(agent.get(), clock);
      } else {
        callback.offerTo(agent.get(), clock);
      }
      routed++;
    }
    return routed;
  }

  /**
   * Customer first: dials the customer of each reservation whose agent is still available; a
   * reservation whose agent became busy is released and routed again (a new agent is reserved
   * before each dial).
   */
  public int dialReservations() {
    List<Callback> reserved = due.reserved(BATCH);
    for (Callback callback : reserved) {
      boolean stillThere = callback.assignedAgent().map(Agent::isAvailable).orElse(false);
      if (stillThere && !compliance.clearForDial(callback)) {
        continue; // the hours closed or the number was listed since the reservation
      }
      if (stillThere) {
        // the attempt row is the dial request's outbox entry, committed with the move to DIALING
        callback.dialReserved(clock);
        dialsQueued.fire(new DialQueued(callback.id()));
      } else {
        callback.releaseReservation(clock, "no longer available");
      }
    }
    return reserved.size();
  }

  /** Dials whose outcome never came back count as not answered after the configured time. */
  public int timeOutDials() {
    Duration limit = Duration.ofSeconds(outcomeTimeoutSeconds);
    List<Callback> stuck = due.dialedBefore(clock.instant().minus(limit), BATCH);
    for (Callback callback : stuck) {
      callback.timeOutDial(limit, clock);
      metrics.dialed(DialOutcome.NO_ANSWER);
    }
    return stuck.size();
  }

  /**
   * Agent first: offers nobody answered in time go back to the queue in their place, to be offered
   * to the next agent, and their agents are set off queue. Returns how many it withdrew.
   */
  public int timeOutOffers() {
    int withdrawn = 0;
    for (Callback callback : due.offersUnansweredAt(clock.instant(), BATCH)) {
      if (callback.timeOutOffer(clock)) {
        withdrawn++;
      }
    }
    return withdrawn;
  }

  /** Calls connected longer than their queue allows are completed, freeing their agents. */
  public int timeOutCalls() {
    int ended = 0;
    for (Callback callback : due.callsTooLongAt(clock.instant(), BATCH)) {
      if (callback.timeOutCall(clock)) {
        ended++;
      }
    }
    return ended;
  }

  /** Callbacks whose time has come and that are still waiting to be delivered. */
  public long overdue() {
    return due.countDue(clock.instant());
  }

  /**
   * When the engine must act next, for the precise wake-up: a due callback whenever it is, an
   * owner's alert only when it comes within {@code horizon}.
   */
  public Optional<Instant> nextDue(Duration horizon) {
    return due.nextDue(clock.instant().plus(horizon));
  }
}
