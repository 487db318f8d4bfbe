package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.IdBlock;
import dev.rappel.platform.entity.PreconditionFailed;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A promise to call a number at an instant, in the customer's zone, routed to a queue and
 * optionally to a preferred or owning agent. Its rules live here; every change is recorded in its
 * history with the actor who made it.
 */
@Entity
@Table(name = "callback")
@NamedQuery(
    name = Callback.COUNT_FOR_INTERACTION,
    query = "SELECT COUNT(c) FROM Callback c WHERE c.interaction = :interaction")
@NamedQuery(
    name = Callback.FOR_INTERACTION,
    query = "SELECT c FROM Callback c WHERE c.interaction = :interaction")
@NamedQuery(
    name = Callback.PAST_RETENTION,
    query =
        "SELECT c FROM Callback c WHERE c.endedAt <= :cutoff AND c.erasedAt IS NULL"
            + " ORDER BY c.endedAt, c.id")
@NamedQuery(
    name = Callback.OF_NUMBER,
    query = "SELECT c FROM Callback c WHERE c.phoneNumber = :number ORDER BY c.id")
@NamedQuery(
    name = Callback.IDS_OF_NUMBER,
    query = "SELECT c.id FROM Callback c WHERE c.phoneNumber = :number")
public class Callback {
  public static final String PAST_RETENTION = "Callback.pastRetention";
  public static final String OF_NUMBER = "Callback.ofNumber";
  public static final String IDS_OF_NUMBER = "Callback.idsOfNumber";
  public static final String COUNT_FOR_INTERACTION = "Callback.countForInteraction";
  public static final String FOR_INTERACTION = "Callback.forInteraction";
  public static final int MAX_NOTES = 2000;
  public static final int MAX_NAME = 200;
  public static final int MAX_CALLER_ID_NAME = 100;
  public static final int MAX_DATA_ENTRIES = 50;
  public static final int MAX_DATA_KEY = 100;
  public static final int MAX_DATA_VALUE = 1000;

  /** The actor of the engine's own steps in the history. */
  public static final String SYSTEM = "system";

  /**
   * What replaces erased personal data: not a number (no {@code +}, no digit), so it cannot be
   * dialled or mistaken for one, and it reads as what happened in the JSON and the console.
   */
  public static final String ERASED = "erased";

  /** The history event of an erasure of the customer's personal data. */
  public static final String ERASED_EVENT = "PERSONAL_DATA_ERASED";

  public static final String HELD_FOR_CALLING_HOURS_EVENT = "HELD_FOR_CALLING_HOURS";
  public static final String DO_NOT_CALL_EVENT = "DO_NOT_CALL";
  public static final String DEFERRED_BY_CONTACT_CAP_EVENT = "DEFERRED_BY_CONTACT_CAP";
  public static final String OUTSIDE_HOURS_CONSENT_EVENT = "OUTSIDE_HOURS_CONSENT";
  public static final String CUSTOMER_CALLED_IN_EVENT = "CUSTOMER_CALLED_IN";
  public static final String OWNERSHIP_EXPIRING_EVENT = "OWNERSHIP_EXPIRING";
  public static final String OWNERSHIP_EXTENDED_EVENT = "OWNERSHIP_EXTENDED";

  /** The history event of a delivery to the queue at the callback's time. */
  public static final String DELIVERED_EVENT = "QUEUED";

  @Id
  // from a sequence in blocks: identity values are a point of contention under concurrent inserts
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "callback_ids")
  @SequenceGenerator(
      name = "callback_ids",
      sequenceName = "callback_seq",
      allocationSize = IdBlock.SIZE)
  private Long id;

  @OneToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "interaction_id")
  private Interaction interaction;

  @ManyToOne(optional = false)
  @JoinColumn(name = "queue_id")
  private Queue queue;

  @Column(name = "phone_number")
  private String phoneNumber;

  @Column(name = "customer_name")
  private String customerName;

  @Column(name = "time_zone")
  private ZoneId timeZone;

  @Column(name = "scheduled_at")
  private Instant scheduledAt;

  @Enumerated(EnumType.STRING)
  private CallbackState state;

  /** The agent who scheduled it, when an agent did. */
  @ManyToOne
  @JoinColumn(name = "scheduled_by_agent_id")
  private Agent scheduledBy;

  @ManyToOne
  @JoinColumn(name = "preferred_agent_id")
  private Agent preferredAgent;

  @ManyToOne
  @JoinColumn(name = "owner_agent_id")
  private Agent owner;

  @Column(name = "ownership_expires_at")
  private Instant ownershipExpiresAt;

  /**
   * When the owner is alerted that the ownership ends soon (the queue's {@code
   * ownershipAlertMinutes} before it ends); null when not owned or alerts are off. The engine finds
   * due alerts by it: the table is the schedule.
   */
  @Column(name = "ownership_alert_at")
  private Instant ownershipAlertAt;

  /** When the owner was alerted in this ownership period; null until then. */
  @Column(name = "ownership_alerted_at")
  private Instant ownershipAlertedAt;

  /** When the engine acts next: the scheduled instant, or the next dial attempt of a retry. */
  @Column(name = "due_at")
  private Instant dueAt;

  /** The agent it is offered to, reserved for, or connected with. */
  @ManyToOne
  @JoinColumn(name = "assigned_agent_id")
  private Agent assignedAgent;

  /** When it was last offered to an agent: the offer times out from there. */
  @Column(name = "offered_at")
  private Instant offeredAt;

  /** When its agent and customer were last connected: the call times out from there. */
  @Column(name = "connected_at")
  private Instant connectedAt;

  /** The agent the step being recorded took it from; only for that step's event. */
  @Transient private Agent releasedAgent;

  /** The last agent who declined it: offered to someone else first. */
  @ManyToOne
  @JoinColumn(name = "declined_by_agent_id")
  private Agent declinedBy;

  @Column(name = "caller_id")
  private String callerId;

  @Column(name = "caller_id_name")
  private String callerIdName;

  private String notes;

  @ElementCollection
  @CollectionTable(name = "callback_data", joinColumns = @JoinColumn(name = "callback_id"))
  @MapKeyColumn(name = "data_key")
  @Column(name = "data_value")
  private Map<String, String> data = new LinkedHashMap<>();

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @OneToMany(mappedBy = "callback", cascade = CascadeType.ALL)
  @OrderBy("number")
  private List<Attempt> attempts = new ArrayList<>();

  @OneToMany(mappedBy = "callback", cascade = CascadeType.ALL)
  @OrderBy("sequence")
  private List<HistoryEntry> history = new ArrayList<>();

  /** How many history entries it has: numbers the next one without loading them all. */
  @Column(name = "history_count")
  private int historyCount;

  /** How many dial attempts it has: lists show and sort by it without loading the attempts. */
  @Column(name = "attempt_count")
  private int attemptCount;

  /** When it reached a final state: the retention period counts from here. */
  @Column(name = "ended_at")
  private Instant endedAt;

  /** When its personal data was erased; null while it is kept. */
  @Column(name = "erased_at")
  private Instant erasedAt;

  /** Whether the customer's zone was given: if not, the number's zones decide calling hours. */
  @Column(name = "zone_given")
  private boolean zoneGiven;

  /** The customer asked for its time though it is outside the queue's calling hours. */
  @Column(name = "outside_hours_consent")
  private boolean outsideHoursConsent;

  @Version private long version;

  protected Callback() {}

  /**
   * An agent schedules the callback of the interaction it handles (rules 2 to 7): defaults from the
   * interaction, the 30-day window, queue selection only when allowed, route-to-me and ownership
   * only for the agent on the interaction and ownership only within the queue's policy.
   */
  public static Callback fromInteraction(
      Interaction interaction, AgentScheduleRequest request, Clock clock, String actor) {
    Violations violations = new Violations();
    Optional<Agent> agent = interaction.agent();
    ZoneId zone =
        request
            .customerZone()
            .orElseGet(() -> agent.map(a -> a.workingZone(clock)).orElse(clock.getZone()));
    CallbackTime time =
        violations.check(
            () ->
                CallbackTime.fromAgentInput(request.date(), request.time(), zone, clock)
                    .requireWithinWindow(clock, request.date().isPresent() ? "date" : "time"));

    Optional<PhoneNumber> phone = request.phoneNumber().or(interaction::ani);
    if (phone.isEmpty()) {
      violations.add(
          "phoneNumber", "The caller's number is unknown for this interaction; give a number.");
    }

    Queue queue = request.queue().orElse(interaction.queue());
    if (!queue.equals(interaction.queue())
        && !interaction.queue().settings().allowsAgentQueueSelection()) {
      violations.add(
          "queueId",
          "Queue '"
              + interaction.queue().name()
              + "' does not let agents send its callbacks to another queue.");
    }
    if ((request.routeToMe() || request.takeOwnership()) && agent.isEmpty()) {
      violations.add(
          request.takeOwnership() ? "takeOwnership" : "routeToMe",
          "No agent is handling this interaction, so there is nobody to route it to.");
    }
    Instant ownershipExpiry = null;
    if (request.takeOwnership() && agent.isPresent() && time != null) {
      ownershipExpiry =
          violations.check(
              () ->
                  queue
                      .settings()
                      .ownedCallbacks()
                      .ownershipExpiry(time.instant(), clock.instant(), "takeOwnership"));
    }
    String notes = request.notes().map(String::strip).filter(n -> !n.isEmpty()).orElse(null);
    if (notes != null && notes.length() > MAX_NOTES) {
      violations.add("notes", "must be at most " + MAX_NOTES + " characters.");
    }
    violations.throwIfAny();

    Callback callback = new Callback();
    callback.interaction = interaction;
    callback.queue = queue;
    callback.phoneNumber = phone.get().e164();
    callback.timeZone = time.zone();
    callback.zoneGiven = request.customerZone().isPresent();
    callback.scheduledAt = time.instant();
    callback.scheduledBy = agent.orElse(null);
    callback.notes = notes;
    if (request.routeToMe()) {
      callback.preferredAgent = agent.get();
    }
    if (request.takeOwnership()) {
      callback.owner = agent.get();
      callback.ownershipExpiresAt = ownershipExpiry;
      callback.ownershipPeriodChanged();
    }
    callback.open(clock, actor);
    return callback;
  }

  /** An integration creates a callback; without a time it is due now. */
  public static Callback fromIntegration(IntegrationRequest request, Clock clock, String actor) {
    return fromIntegration(request, Optional.empty(), clock, actor);
  }

  /**
   * An integration creates a callback owned by an agent (rule 7: only when the queue's policy
   * enables owned callbacks, within its limits), or not owned when {@code owner} is empty.
   */
  public static Callback fromIntegration(
      IntegrationRequest request, Optional<Agent> owner, Clock clock, String actor) {
    Violations violations = new Violations();
    ZoneId zone = request.customerZone().orElse(clock.getZone());
    Instant now = clock.instant();
    Instant at = request.scheduledAt().orElse(now);
    CallbackTime time =
        violations.check(() -> new CallbackTime(at, zone).requireWithinWindow(now, "scheduledAt"));
    Instant ownershipExpiry = null;
    if (owner.isPresent() && time != null) {
      ownershipExpiry =
          violations.check(
              () ->
                  request
                      .queue()
                      .settings()
                      .ownedCallbacks()
                      .ownershipExpiry(time.instant(), now, "ownerAgentId"));
    }
    String name = request.customerName() == null ? "" : request.customerName().strip();
    if (name.isEmpty()) {
      violations.add("customerName", "The customer's name is required.");
    } else if (name.length() > MAX_NAME) {
      violations.add("customerName", "must be at most " + MAX_NAME + " characters.");
    }
    String callerIdName =
        request.callerIdName().map(String::strip).filter(n -> !n.isEmpty()).orElse(null);
    if (callerIdName != null && callerIdName.length() > MAX_CALLER_ID_NAME) {
      violations.add("callerIdName", "must be at most " + MAX_CALLER_ID_NAME + " characters.");
    }
    Map<String, String> data = request.data() == null ? Map.of() : request.data();
    checkData(data, violations);
    violations.throwIfAny();

    Callback callback = new Callback();
    callback.queue = request.queue();
    callback.phoneNumber = request.phoneNumber().e164();
    callback.customerName = name;
    callback.timeZone = time.zone();
    callback.zoneGiven = request.customerZone().isPresent();
    callback.scheduledAt = time.instant();
    callback.callerId = request.callerId().map(PhoneNumber::e164).orElse(null);
    callback.callerIdName = callerIdName;
    callback.preferredAgent = request.preferredAgent().orElse(null);
    callback.owner = owner.orElse(null);
    callback.ownershipExpiresAt = ownershipExpiry;
    callback.ownershipPeriodChanged();
    callback.data.putAll(new TreeMap<>(data));
    callback.open(clock, actor);
    return callback;
  }

  private static void checkData(Map<String, String> data, Violations violations) {
    if (data.size() > MAX_DATA_ENTRIES) {
      violations.add("data", "may hold at most " + MAX_DATA_ENTRIES + " entries.");
      return;
    }
    data.forEach(
        (key, value) -> {
          if (key == null || key.isBlank() || key.length() > MAX_DATA_KEY) {
            violations.add("data", "keys must be 1 to " + MAX_DATA_KEY + " characters.");
          } else if (value == null || value.length() > MAX_DATA_VALUE) {
            violations.add(
                "data." + key, "must be a string of at most " + MAX_DATA_VALUE + " characters.");
          }
        });
  }

  private void open(Clock clock, String actor) {
    this.state = CallbackState.SCHEDULED;
    this.dueAt = scheduledAt;
    this.createdAt = clock.instant();
    this.createdBy = actor;
    record(
        "SCHEDULED",
        actor,
        clock,
        "for "
            + time().describe()
            + " on queue '"
            + queue.name()
            + "'"
            + (preferredAgent != null ? ", preferring agent " + preferredAgent.id() : "")
            + (owner != null ? ", owned by agent " + owner.id() : ""));
  }

  /**
   * Moves the callback to another instant (and optionally zone), under the same window and
   * ownership rules as when it was scheduled. A due callback that was waiting goes back to waiting
   * for its new time.
   */
  public void reschedule(CallbackTime newTime, Clock clock, String actor) {
    requireWaiting("rescheduled");
    newTime.requireWithinWindow(clock, "scheduledAt");
    Instant newExpiry = null;
    if (owner != null) {
      newExpiry =
          queue
              .settings()
              .ownedCallbacks()
              .ownershipExpiry(newTime.instant(), clock.instant(), "scheduledAt");
    }
    CallbackTime before = time();
    scheduledAt = newTime.instant();
    dueAt = scheduledAt;
    timeZone = newTime.zone();
    if (newExpiry != null) {
      ownershipExpiresAt = newExpiry;
      ownershipPeriodChanged();
    }
    state = CallbackState.SCHEDULED;
    record("RESCHEDULED", actor, clock, "from " + before.describe() + " to " + time().describe());
  }

  /** Sends the callback to another queue; an owned callback only to a queue that allows owning. */
  public void moveToQueue(Queue target, Clock clock, String actor) {
    requireWaiting("moved to another queue");
    if (target.equals(queue)) {
      return;
    }
    if (owner != null && !target.settings().ownedCallbacks().isEnabled()) {
      throw new RuleViolation(
          "queueId",
          "Queue '"
              + target.name()
              + "' does not allow owned callbacks; release the ownership (ownerAgentId: null)"
              + " to move this one there.");
    }
    if (owner != null) {
      // the new queue's policy sets the limits of the ownership from now on
      ownershipExpiresAt =
          target
              .settings()
              .ownedCallbacks()
              .ownershipExpiry(scheduledAt, clock.instant(), "queueId");
    }
    String from = queue.name();
    queue = target;
    ownershipPeriodChanged(); // the new queue's alert policy applies
    record("QUEUE_CHANGED", actor, clock, "from '" + from + "' to '" + target.name() + "'");
  }

  /** Gives the callback to an agent for the ownership period of its queue's policy. */
  public void assignOwner(Agent agent, Clock clock, String actor) {
    requireWaiting("reassigned");
    if (agent.equals(owner)) {
      return;
    }
    takeOwnership(agent, clock, "ownerAgentId");
    record(
        "OWNER_CHANGED",
        actor,
        clock,
        "owned by agent " + agent.id() + " until " + ownershipExpiresAt);
  }

  /** Ends ownership: the callback goes to its queue like any other. */
  public void releaseOwnership(Clock clock, String actor) {
    requireWaiting("reassigned");
    if (owner == null) {
      return;
    }
    Long previous = owner.id();
    owner = null;
    ownershipExpiresAt = null;
    ownershipPeriodChanged();
    record("OWNERSHIP_RELEASED", actor, clock, "agent " + previous + " no longer owns it");
  }

  private void takeOwnership(Agent agent, Clock clock, String field) {
    OwnedCallbackPolicy policy = queue.settings().ownedCallbacks();
    ownershipExpiresAt = policy.ownershipExpiry(scheduledAt, clock.instant(), field);
    owner = agent;
    ownershipPeriodChanged();
  }

  /**
   * A new ownership period (taken, extended, moved, ended): its alert is due the queue's {@code
   * ownershipAlertMinutes} before its end, and has not been sent yet.
   */
  private void ownershipPeriodChanged() {
    ownershipAlertAt =
        owner == null
            ? null
            : queue.settings().customerCare().ownershipAlertAt(ownershipExpiresAt).orElse(null);
    ownershipAlertedAt = null;
  }

  /**
   * Warns the owner that its ownership ends soon, once per ownership period: at the alert instant
   * (not a millisecond before), while the callback still waits and the ownership has not ended.
   * True when the alert was recorded ({@code OWNERSHIP_EXPIRING}, which is also its event).
   */
  public boolean alertOwnerIfDue(Clock clock) {
    Instant now = clock.instant();
    if (owner == null
        || ownershipAlertAt == null
        || ownershipAlertedAt != null
        || !state.isWaiting()
        || now.isBefore(ownershipAlertAt)
        || !now.isBefore(ownershipExpiresAt)) {
      return false;
    }
    ownershipAlertedAt = now;
    record(
        OWNERSHIP_EXPIRING_EVENT,
        SYSTEM,
        clock,
        "agent "
            + owner.id()
            + " owns it until "
            + ownershipExpiresAt
            + " ("
            + Duration.between(now, ownershipExpiresAt).toMinutes()
            + " min left): extend or release it");
    return true;
  }

  /** Whether the owner has been alerted that this ownership period ends soon. */
  public boolean isOwnerAlerted() {
    return owner != null && ownershipAlertedAt != null;
  }

  /** When the current ownership's alert is (or was) due; empty when not owned or alerts are off. */
  public Optional<Instant> ownershipAlertAt() {
    return owner == null ? Optional.empty() : Optional.ofNullable(ownershipAlertAt);
  }

  /**
   * The owner (or a supervisor) keeps the callback longer: a new ownership period from now, as long
   * as the queue's policy grants one ({@code ownershipHours}, the rule that sets every ownership's
   * end), with a new alert before its end. Only while waiting and owned, and only if that ends
   * later than the current period.
   */
  public void extendOwnership(Clock clock, String actor) {
    requireWaiting("extended");
    if (owner == null) {
      throw new Conflict("Callback " + id + " is not owned: there is no ownership to extend.");
    }
    Instant now = clock.instant();
    Instant newExpiry = queue.settings().ownedCallbacks().ownershipExpiry(now, now, "ownership");
    if (!newExpiry.isAfter(ownershipExpiresAt)) {
      throw new RuleViolation(
          "ownership",
          "The ownership already runs until "
              + ownershipExpiresAt
              + "; an extension gives at most "
              + queue.settings().ownedCallbacks().ownershipHours()
              + " hours from now, which is not later.");
    }
    Instant before = ownershipExpiresAt;
    ownershipExpiresAt = newExpiry;
    ownershipPeriodChanged();
    record(
        OWNERSHIP_EXTENDED_EVENT,
        actor,
        clock,
        "agent " + owner.id() + " owns it until " + newExpiry + " (was " + before + ")");
  }

  /**
   * Who may extend or release an ownership: its owner, supervisors and admins, or a
   * callbacks:manage token.
   */
  public void requireOwnershipManageableBy(Caller caller) {
    if (caller.seesEverything()
        || caller.may(Scope.CALLBACKS_MANAGE)
        || (owner != null && caller.isAgent(owner.id()))) {
      return;
    }
    throw new Forbidden(
        "Only the owner, a supervisor or a callbacks:manage token manages this ownership.");
  }

  /**
   * Whether this callback is the one a customer calling from {@code number} on {@code queue} would
   * get back: the same number and queue, and still waiting (one being dialled is never touched).
   */
  public boolean isWaitingFor(PhoneNumber number, Queue onQueue) {
    return state.isWaiting()
        && !isErased()
        && phoneNumber.equals(number.e164())
        && queue.equals(onQueue);
  }

  /**
   * The customer got through another way (the interaction {@code contact}): the waiting callback is
   * canceled, the contact named in its history ({@code CUSTOMER_CALLED_IN}), then the usual {@code
   * CANCELED} step for those who follow cancellations.
   */
  public void cancelForInboundContact(Interaction contact, Clock clock, String actor) {
    if (state.isTerminal()) {
      throw new Conflict("Callback " + id + " is already " + state + " and cannot be canceled.");
    }
    requireWaiting("canceled for the customer's call");
    record(
        CUSTOMER_CALLED_IN_EVENT,
        actor,
        clock,
        "interaction "
            + contact.id()
            + " ("
            + contact.mediaType()
            + contact.agent().map(a -> ", agent " + a.id()).orElse("")
            + ")");
    state = CallbackState.CANCELED;
    letGo();
    record("CANCELED", actor, clock, "the customer got through: interaction " + contact.id());
  }

  /** Cancels a callback that has not finished; a finished one cannot change. */
  public void cancel(Clock clock, String actor) {
    if (state.isTerminal()) {
      throw new Conflict("Callback " + id + " is already " + state + " and cannot be canceled.");
    }
    if (state == CallbackState.DIALING) {
      currentAttempt().abandon(clock.instant()); // a late outcome for it is refused
    }
    state = CallbackState.CANCELED;
    letGo();
    record("CANCELED", actor, clock, null);
  }

  // ------------------------------------------------------------------ compliance

  /** The customer named its zone (a change of zone does): calling hours are read there. */
  public void customerGaveZone() {
    zoneGiven = true;
  }

  /** The zone the customer gave, if any; otherwise the number's zones decide calling hours. */
  public Optional<ZoneId> givenZone() {
    return zoneGiven ? Optional.of(timeZone) : Optional.empty();
  }

  public boolean hasOutsideHoursConsent() {
    return outsideHoursConsent;
  }

  /**
   * The customer asked for this time although it is outside the queue's calling hours, and the
   * queue allows that: recorded with who took the request, and the dials may go ahead then.
   */
  public void recordOutsideHoursConsent(String why, Clock clock, String actor) {
    outsideHoursConsent = true;
    record(OUTSIDE_HOURS_CONSENT_EVENT, actor, clock, why);
  }

  /**
   * A due callback the rules do not let the system dial now (outside the calling hours, beyond the
   * contact cap) waits until {@code until}: it goes back to waiting for its time, releasing any
   * agent it was offered to or reserved for, with {@code event} and why in its history. Its
   * scheduled time, attempts and retries stay as they were.
   */
  public void holdUntil(Instant until, String event, String why, Clock clock) {
    if (!state.isWaiting() && state != CallbackState.OFFERED && state != CallbackState.RESERVED) {
      throw new Conflict("Callback " + id + " is " + state + " and cannot be held now.");
    }
    state = attempts.isEmpty() ? CallbackState.SCHEDULED : CallbackState.RETRY_WAIT;
    letGo();
    dueAt = until;
    record(event, SYSTEM, clock, why);
  }

  /** The number was put on the do-not-call list after booking: the callback ends, never dialled. */
  public void cancelForDoNotCall(String why, Clock clock) {
    if (state.isTerminal()) {
      return;
    }
    if (state == CallbackState.DIALING) {
      currentAttempt().abandon(clock.instant());
    }
    state = CallbackState.CANCELED;
    letGo();
    record(DO_NOT_CALL_EVENT, SYSTEM, clock, why);
  }

  // ------------------------------------------------------------------ delivery (the engine)

  /** Due: from now on it waits for an agent. Never before its instant. */
  public void markDue(Clock clock) {
    Instant now = clock.instant();
    if (!state.isWaitingForItsTime()) {
      throw new Conflict("Callback " + id + " is " + state + ", not waiting for its time.");
    }
    if (now.isBefore(dueAt)) {
      throw new IllegalStateException("Callback " + id + " is not due before " + dueAt);
    }
    state = CallbackState.ON_DELIVERY;
    record(DELIVERED_EVENT, SYSTEM, clock, deliveryNote(dueAt, now));
  }

  /** The history detail of a delivery: when the callback was due and how late it went out. */
  public static String deliveryNote(Instant dueAt, Instant deliveredAt) {
    return "due at "
        + dueAt
        + ", delivered "
        + Duration.between(dueAt, deliveredAt).toMillis()
        + " ms later";
  }

  /**
   * Ends an ownership that is over, before the owner took the callback: to the queue when the
   * policy says so, otherwise the callback ends as EXPIRED. True when something changed.
   */
  public boolean expireOwnershipIfOver(Clock clock) {
    Instant now = clock.instant();
    var current = ownership();
    if (current.isEmpty() || !current.get().isExpiredAt(now) || !state.isWaiting()) {
      return false;
    }
    Long previous = owner.id();
    owner = null;
    ownershipExpiresAt = null;
    ownershipPeriodChanged();
    if (queue.settings().ownedCallbacks().assignToQueueOnExpiry()) {
      record(
          "OWNERSHIP_EXPIRED",
          SYSTEM,
          clock,
          "agent " + previous + " did not take it; to the queue");
    } else {
      state = CallbackState.EXPIRED;
      record("EXPIRED", SYSTEM, clock, "agent " + previous + " did not take it in time");
    }
    return true;
  }

  /**
   * Who should get this due callback among the agents free now (available and without another
   * callback), in the order the queue prefers them (longest idle first): the owner only, while
   * owned; else the preferred agent if free; else the first free member, the last decliner last.
   */
  public Optional<Agent> pickAgent(
      List<Agent> freeMembers, java.util.function.Predicate<Agent> isFree) {
    if (owner != null) {
      return isFree.test(owner) ? Optional.of(owner) : Optional.empty();
    }
    // a preferred agent who declined has had its chance: the queue's members come first now
    if (preferredAgent != null
        && !preferredAgent.equals(declinedBy)
        && isFree.test(preferredAgent)) {
      return Optional.of(preferredAgent);
    }
    return freeMembers.stream()
        .filter(isFree)
        .sorted(java.util.Comparator.comparing((Agent a) -> a.equals(declinedBy)))
        .findFirst();
  }

  /** Agent first: offered to one agent, who accepts or declines. */
  public void offerTo(Agent agent, Clock clock) {
    requireState(CallbackState.QUEUED, "offered");
    state = CallbackState.OFFERED;
    assignedAgent = agent;
    offeredAt = clock.instant();
    record("OFFERED", SYSTEM, clock, "to agent " + agent.id());
  }

  /**
   * Agent first: an offer its agent neither accepted nor declined within the queue's {@code
   * offerTimeoutSeconds} is withdrawn, and the agent, who is evidently not there, is set off queue
   * ("not responding"). The callback waits for the next agent in the place it had (its due time is
   * unchanged). Exactly at {@code offeredAt + offerTimeout} the offer has timed out; a millisecond
   * before, it has not. True when the offer was withdrawn.
   */
  public boolean timeOutOffer(Clock clock) {
    Optional<Instant> deadline = offerDeadline();
    if (deadline.isEmpty() || clock.instant().isBefore(deadline.get())) {
      return false;
    }
    Agent agent = assignedAgent;
    state = CallbackState.QUEUED;
    letGo();
    agent.markNotResponding(clock);
    record(
        "OFFER_TIMED_OUT",
        SYSTEM,
        clock,
        "agent "
            + agent.id()
            + " did not answer within "
            + queue.settings().timeLimits().offerTimeoutSeconds()
            + " s; set off queue ("
            + Agent.NOT_RESPONDING
            + ")");
    return true;
  }

  /** When the offer in progress times out; empty unless offered. */
  public Optional<Instant> offerDeadline() {
    if (state != CallbackState.OFFERED || offeredAt == null) {
      return Optional.empty();
    }
    return Optional.of(offeredAt.plus(queue.settings().timeLimits().offerTimeout()));
  }

  /**
   * Customer first: an agent is held for this callback. The dial follows in its own transaction
   * ({@link #dialReserved}), so the reservation is on record, and released if the agent goes off
   * queue, before any call is placed.
   */
  public void reserve(Agent agent, Clock clock) {
    requireState(CallbackState.QUEUED, "reserved");
    state = CallbackState.RESERVED;
    assignedAgent = agent;
    record("RESERVED", SYSTEM, clock, "agent " + agent.id() + " held");
  }

  /** Customer first: the held agent is still there, so the customer is dialled now. */
  public Attempt dialReserved(Clock clock) {
    requireState(CallbackState.RESERVED, "dialled");
    return startAttempt(clock, SYSTEM);
  }

  /** Agent first: the agent takes the offer and is on the line while the system dials. */
  public Attempt accept(Agent agent, Clock clock, String actor) {
    requireState(CallbackState.OFFERED, "accepted");
    requireAssignedTo(agent);
    return startAttempt(clock, actor);
  }

  /** Agent first: the agent turns the offer down; the callback waits for the next agent. */
  public void decline(Agent agent, Clock clock, String actor) {
    requireState(CallbackState.OFFERED, "declined");
    requireAssignedTo(agent);
    state = CallbackState.QUEUED;
    letGo();
    declinedBy = agent;
    record("DECLINED", actor, clock, "by agent " + agent.id());
  }

  private Attempt startAttempt(Clock clock, String actor) {
    Attempt attempt = new Attempt(this, attempts.size() + 1, assignedAgent, clock.instant());
    attempts.add(attempt);
    attemptCount = attempts.size();
    state = CallbackState.DIALING;
    record("DIALING", actor, clock, "attempt " + attempt.number() + " to " + phoneNumber);
    return attempt;
  }

  /**
   * How a dial ended. Answered: connected. Not dialled (the telephony platform never took the
   * request): back to the queue, keeping its place and its retries, as if the attempt had not been.
   * Otherwise agent first ends it (the agent may schedule a follow-up); customer first retries
   * after the delay while retries remain, releasing the agent, and an uncallable number fails at
   * once.
   */
  public void recordOutcome(int attemptNumber, DialOutcome outcome, Clock clock, String actor) {
    recordOutcome(attemptNumber, Optional.empty(), outcome, clock, actor);
  }

  /**
   * Like {@link #recordOutcome(int, DialOutcome, Clock, String)}, for the attempt named by number
   * and, when the reporter gives it, by its dial id: an outcome for an attempt that is no longer
   * the current one is refused, never applied.
   */
  public void recordOutcome(
      int attemptNumber, Optional<String> dialId, DialOutcome outcome, Clock clock, String actor) {
    requireState(CallbackState.DIALING, "given a dial outcome");
    Attempt attempt = currentAttempt();
    if (attempt.number() != attemptNumber) {
      throw new Conflict(
          "Attempt " + attemptNumber + " is not the one in progress (" + attempt.number() + ").");
    }
    if (dialId.isPresent() && !dialId.get().equals(attempt.dialId())) {
      throw new Conflict(
          "Dial "
              + dialId.get()
              + " is not the one in progress for attempt "
              + attemptNumber
              + ".");
    }
    Instant now = clock.instant();
    attempt.end(outcome, now);
    record("ATTEMPT_ENDED", actor, clock, "attempt " + attemptNumber + ": " + outcome);
    if (outcome == DialOutcome.ANSWERED) {
      state = CallbackState.CONNECTED;
      connectedAt = now;
      record("CONNECTED", actor, clock, "agent " + assignedAgent.id() + " with the customer");
      return;
    }
    if (outcome == DialOutcome.NOT_DIALED) {
      Long agent = assignedAgent.id();
      state = CallbackState.QUEUED;
      letGo();
      record(
          "NOT_DIALED",
          actor,
          clock,
          "the telephony platform did not take attempt "
              + attemptNumber
              + " (agent "
              + agent
              + " released); back to the queue, not counted as a call");
      return;
    }
    var settings = queue.settings();
    if (settings.mode() == dev.rappel.queue.entity.CallbackMode.AGENT_FIRST) {
      fail(clock, actor, "not answered (" + outcome + "); agent-first callbacks are not retried");
    } else if (outcome == DialOutcome.FAILED) {
      fail(clock, actor, "the number cannot be called");
    } else if (customerAttempts() > settings.maxRetryCount()) {
      fail(clock, actor, "no answer after " + customerAttempts() + " attempts");
    } else {
      state = CallbackState.RETRY_WAIT;
      letGo();
      dueAt = now.plusSeconds(settings.retryDelaySeconds());
      record("RETRY_WAIT", actor, clock, "next attempt at " + dueAt);
    }
  }

  /** The attempts in which the customer's phone may have rung: what the retry limit counts. */
  int customerAttempts() {
    return (int)
        attempts.stream()
            .filter(a -> a.outcome().map(DialOutcome::isCustomerAttempt).orElse(true))
            .count();
  }

  /**
   * The telephony side never said how the dial ended: it counts as not answered (customer first
   * retries, agent first ends), so a lost report cannot hold a callback and its agent forever.
   */
  public void timeOutDial(Duration limit, Clock clock) {
    requireState(CallbackState.DIALING, "timed out");
    Attempt attempt = currentAttempt();
    record(
        "DIAL_TIMED_OUT",
        SYSTEM,
        clock,
        "no outcome for attempt " + attempt.number() + " within " + limit.toSeconds() + " s");
    recordOutcome(attempt.number(), DialOutcome.NO_ANSWER, clock, SYSTEM);
  }

  /**
   * The interaction a follow-up is scheduled from: this callback's call, handled by the agent of
   * its last attempt. Only once a call took place: connected, completed, or an agent-first dial
   * that failed (which is not retried).
   */
  public Interaction followUpInteraction(Clock clock) {
    boolean called =
        state == CallbackState.CONNECTED
            || state == CallbackState.COMPLETED
            || (state == CallbackState.FAILED && !attempts.isEmpty());
    if (!called) {
      throw new Conflict(
          "Callback " + id + " is " + state + ": a follow-up comes after a call, not before.");
    }
    if (isErased()) {
      throw new Conflict("Callback " + id + " has had its personal data erased: no follow-up.");
    }
    return Interaction.ofCallback(
        id, queue, phoneNumber().orElseThrow(), currentAttempt().agent(), clock);
  }

  private void fail(Clock clock, String actor, String why) {
    state = CallbackState.FAILED;
    letGo();
    record("FAILED", actor, clock, why);
  }

  /** The agent wrapped up the connected callback. */
  public void complete(Agent agent, Clock clock, String actor) {
    requireState(CallbackState.CONNECTED, "completed");
    requireAssignedTo(agent);
    state = CallbackState.COMPLETED;
    letGo();
    record("COMPLETED", actor, clock, null);
  }

  /**
   * A supervisor (or admin) ends a connected call that its agent did not wrap up (the agent forgot,
   * or its desk is gone): completed, the agent freed, the supervisor named in the history.
   */
  public void completeBySupervisor(Caller caller, Clock clock) {
    if (!caller.seesEverything()) {
      throw new Forbidden("Only the connected agent, a supervisor or an admin completes a call.");
    }
    requireState(CallbackState.CONNECTED, "completed");
    state = CallbackState.COMPLETED;
    letGo();
    record("COMPLETED", caller.name(), clock, "completed by a supervisor");
  }

  /**
   * A call connected longer than the queue's {@code maxCallMinutes} is over as far as the system
   * can tell (a lost wrap-up, a desk closed mid-call): completed by the system, freeing the agent.
   * Exactly at {@code connectedAt + maxCall} it has timed out; a millisecond before, it has not.
   * True when it was completed.
   */
  public boolean timeOutCall(Clock clock) {
    Optional<Instant> deadline = callDeadline();
    if (deadline.isEmpty() || clock.instant().isBefore(deadline.get())) {
      return false;
    }
    Long agent = assignedAgent == null ? null : assignedAgent.id();
    state = CallbackState.COMPLETED;
    letGo();
    record(
        "CALL_TIMED_OUT",
        SYSTEM,
        clock,
        "connected for "
            + queue.settings().timeLimits().maxCallMinutes()
            + " min, the queue's limit; completed by the system"
            + (agent == null ? "" : ", agent " + agent + " freed"));
    return true;
  }

  /** When the call in progress times out; empty unless connected. */
  public Optional<Instant> callDeadline() {
    if (state != CallbackState.CONNECTED || connectedAt == null) {
      return Optional.empty();
    }
    return Optional.of(connectedAt.plus(queue.settings().timeLimits().maxCall()));
  }

  /** The held agent went off queue before the dial: let it go and route the callback again. */
  public void releaseReservation(Clock clock, String why) {
    requireState(CallbackState.RESERVED, "released");
    Long agent = assignedAgent.id();
    state = CallbackState.QUEUED;
    letGo();
    record("RESERVATION_RELEASED", SYSTEM, clock, "agent " + agent + ": " + why);
  }

  /** An offer whose agent went off queue goes back to the queue. */
  public void withdrawOffer(Clock clock, String why) {
    requireState(CallbackState.OFFERED, "withdrawn");
    Long agent = assignedAgent.id();
    state = CallbackState.QUEUED;
    letGo();
    record("OFFER_WITHDRAWN", SYSTEM, clock, "agent " + agent + ": " + why);
  }

  public Attempt currentAttempt() {
    if (attempts.isEmpty()) {
      throw new Conflict("Callback " + id + " has no dial attempt.");
    }
    return attempts.get(attempts.size() - 1);
  }

  private void requireState(CallbackState expected, String change) {
    if (state != expected) {
      throw new Conflict(
          "Callback " + id + " is " + state + ", so it cannot be " + change + " now.");
    }
  }

  private void requireAssignedTo(Agent agent) {
    if (assignedAgent == null || !assignedAgent.equals(agent)) {
      // another agent's offer or call: not this agent's to act on
      throw new Forbidden("Callback " + id + " is not in the hands of agent " + agent.id() + ".");
    }
  }

  private void requireWaiting(String change) {
    if (state.isTerminal()) {
      throw new Conflict(
          "Callback " + id + " is " + state + " and can no longer be " + change + ".");
    }
    if (!state.isWaiting()) {
      throw new Conflict(
          "Callback "
              + id
              + " is "
              + state
              + ": an agent is handling it, so it cannot be "
              + change
              + " now.");
    }
  }

  void record(String event, String actor, Clock clock, String detail) {
    // the count, not history.size(): numbering a step must not load every earlier one
    historyCount++;
    HistoryEntry entry =
        new HistoryEntry(this, historyCount, clock.instant(), event, actor, detail);
    entry.releasing(releasedAgent);
    releasedAgent = null;
    history.add(entry);
    if (state.isTerminal() && endedAt == null) {
      endedAt = entry.at();
    }
  }

  // ------------------------------------------------------------------ privacy

  /**
   * Its personal data has been kept long enough: it ended at least {@code retention} ago (exactly
   * {@code retention} after it ended it is due; a millisecond before, it is not) and is not erased
   * yet.
   */
  public boolean isPastRetention(Duration retention, Clock clock) {
    return endedAt != null
        && erasedAt == null
        && !clock.instant().isBefore(endedAt.plus(retention));
  }

  /**
   * Erases the customer's personal data: number, name, notes, caller ID name and data are replaced
   * by {@link #ERASED} (or dropped), the number is scrubbed from the history, and the erasure is
   * recorded. The history itself stays: what happened and when is not personal data. A callback
   * still under way is canceled first, since it can no longer be dialled. Erasing twice changes
   * nothing.
   */
  public void erasePersonalData(Clock clock, String actor, String why) {
    if (erasedAt != null) {
      return;
    }
    if (!state.isTerminal()) {
      if (state == CallbackState.DIALING) {
        currentAttempt().abandon(clock.instant());
      }
      state = CallbackState.CANCELED;
      letGo();
      record("CANCELED", actor, clock, "to erase the customer's personal data");
    }
    String number = phoneNumber;
    phoneNumber = ERASED;
    customerName = customerName == null ? null : ERASED;
    notes = notes == null ? null : ERASED;
    callerIdName = callerIdName == null ? null : ERASED;
    data.clear();
    history.forEach(entry -> entry.scrub(number, ERASED));
    erasedAt = clock.instant();
    record(ERASED_EVENT, actor, clock, why);
  }

  public boolean isErased() {
    return erasedAt != null;
  }

  public Optional<Instant> erasedAt() {
    return Optional.ofNullable(erasedAt);
  }

  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  /**
   * The assigned agent no longer holds the callback. The next recorded step names that agent, so
   * its desk hears that the offer or call is gone.
   */
  private void letGo() {
    if (assignedAgent != null) {
      releasedAgent = assignedAgent;
    }
    assignedAgent = null;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public Optional<Agent> assignedAgent() {
    return Optional.ofNullable(assignedAgent);
  }

  /**
   * Who may reschedule or cancel it: supervisors and admins, or the agent who scheduled or owns it.
   */
  public void requireManageableBy(Caller caller) {
    if (caller.seesEverything() || caller.may(Scope.CALLBACKS_MANAGE) || isAgentsOwn(caller)) {
      return;
    }
    throw new Forbidden(
        "Only the agent who scheduled or owns this callback, a supervisor or a callbacks:manage"
            + " token may change it.");
  }

  /**
   * A change made on what the client read ({@code If-Match}) applies only to that version: anything
   * changed since, the client has not seen.
   */
  public void requireVersion(Optional<Long> expected) {
    if (expected.isPresent() && expected.get() != version) {
      throw new PreconditionFailed(
          "Callback "
              + id
              + " changed since version "
              + expected.get()
              + " (it is at version "
              + version
              + "); read it again and repeat the change if it still applies.");
    }
  }

  private boolean isAgentsOwn(Caller caller) {
    return (scheduledBy != null && caller.isAgent(scheduledBy.id()))
        || (owner != null && caller.isAgent(owner.id()));
  }

  public CallbackTime time() {
    return new CallbackTime(scheduledAt, timeZone);
  }

  public Optional<Ownership> ownership() {
    return owner == null ? Optional.empty() : Optional.of(new Ownership(owner, ownershipExpiresAt));
  }

  public Long id() {
    return id;
  }

  public Optional<Interaction> interaction() {
    return Optional.ofNullable(interaction);
  }

  public Queue queue() {
    return queue;
  }

  /** The number to call; empty once erased. */
  public Optional<PhoneNumber> phoneNumber() {
    return isErased() ? Optional.empty() : Optional.of(new PhoneNumber(phoneNumber));
  }

  /** The number as shown: E.164, or {@link #ERASED}. */
  public String shownNumber() {
    return phoneNumber;
  }

  public Optional<String> customerName() {
    return Optional.ofNullable(customerName);
  }

  public CallbackState state() {
    return state;
  }

  public Optional<Agent> scheduledBy() {
    return Optional.ofNullable(scheduledBy);
  }

  public Optional<Agent> preferredAgent() {
    return Optional.ofNullable(preferredAgent);
  }

  public Optional<PhoneNumber> callerId() {
    return Optional.ofNullable(callerId).map(PhoneNumber::new);
  }

  public Optional<String> callerIdName() {
    return Optional.ofNullable(callerIdName);
  }

  public Optional<String> notes() {
    return Optional.ofNullable(notes);
  }

  public Map<String, String> data() {
    return Collections.unmodifiableMap(data);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  /** The number of dial attempts so far, without loading them. */
  public int attemptCount() {
    return attemptCount;
  }

  public List<Attempt> attempts() {
    return Collections.unmodifiableList(attempts);
  }

  public List<HistoryEntry> history() {
    return Collections.unmodifiableList(history);
  }

  public long version() {
    return version;
  }
}
