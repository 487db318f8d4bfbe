package dev.rappel.queue.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.agent.entity.Agent;
import dev.rappel.compliance.entity.CallingHours;
import dev.rappel.compliance.entity.CallingHoursConverter;
import dev.rappel.compliance.entity.ContactCap;
import dev.rappel.compliance.entity.ContactPolicy;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.queue.entity.CallbackMode;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import dev.rappel.queue.entity.TimeLimits;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.Serializable;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The admin's "Queues" page: every queue with its callback policy, a form to create or edit one,
 * and its members. The form goes through the same settings mapping and use cases as the API, and
 * rule violations come back as messages beside their fields.
 */
@Named("queuesPage")
@ViewScoped
public class QueuesPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String FORM = "queue:";
  private static final List<String> FIELDS =
      List.of(
          "name",
          "mode",
          "maxScheduleAheadHours",
          "ownershipHours",
          "maxRetryCount",
          "retryDelaySeconds",
          "offerTimeoutSeconds",
          "maxCallMinutes",
          "ownershipAlertMinutes");

  @Inject Queues queues;

  @Inject dev.rappel.agent.boundary.Agents agents;

  @Inject Caller caller;

  /** One row of the queue table, formatted for reading. */
  public record Row(
      long id,
      String name,
      String mode,
      String queueSelection,
      String owned,
      String retries,
      String timeLimits,
      String members)
      implements Serializable {}

  /** An agent that can be picked as a member. */
  public record AgentChoice(long id, String label) implements Serializable {}

  private List<Row> rows;
  private List<AgentChoice> agentChoices;

  private Long editingId;
  private String name;
  private String mode;
  private boolean agentQueueSelection;
  private boolean ownedEnabled;
  private Integer maxScheduleAheadHours;
  private Integer ownershipHours;
  private String onExpiry;
  private Integer maxRetryCount;
  private Integer retryDelaySeconds;
  private Integer offerTimeoutSeconds;
  private Integer maxCallMinutes;
  // compliance: calling hours as their JSON (empty = no restriction), the cap's two numbers
  private String callingHours;
  private boolean allowCustomerRequestedOutsideHours;
  private Integer capMaxAttempts;
  private Integer capPerDays;

  /** Slots with room: the slot length ("" = no limit) and the most callbacks per slot. */
  private String slotMinutes = "";

  private Integer slotMaxCallbacks;
  private Long[] memberIds = new Long[0];
  // customer care: what a call from the customer does to its waiting callback; owners' alerts
  private String onInboundContact;
  private Integer ownershipAlertMinutes;

  @PostConstruct
  void init() {
    refresh();
    startNew();
  }

  /** Empties the form to the product's defaults, for a new queue. */
  public void startNew() {
    editingId = null;
    name = null;
    fill(CallbackSettings.defaults());
    memberIds = new Long[0];
  }

  public void edit(long id) {
    try {
      Queue queue = queues.find(id);
      editingId = queue.id();
      name = queue.name();
      fill(queue.settings());
      memberIds = queue.members().stream().map(Agent::id).toArray(Long[]::new);
    } catch (NotFound e) {
      error(null, e.getMessage());
      refresh();
    }
  }

  public void save() {
    QueueInput.SettingsInput in = new QueueInput.SettingsInput();
    in.mode = mode;
    in.agentQueueSelection = agentQueueSelection;
    in.ownedCallbacks = new QueueInput.OwnedInput();
    in.ownedCallbacks.enabled = ownedEnabled;
    in.ownedCallbacks.maxScheduleAheadHours = maxScheduleAheadHours;
    in.ownedCallbacks.ownershipHours = ownershipHours;
    in.ownedCallbacks.assignToQueueOnExpiry = "QUEUE".equals(onExpiry);
    in.maxRetryCount = maxRetryCount;
    in.retryDelaySeconds = retryDelaySeconds;
    in.offerTimeoutSeconds = offerTimeoutSeconds;
    in.maxCallMinutes = maxCallMinutes;
    in.allowCustomerRequestedOutsideHours = allowCustomerRequestedOutsideHours;
    if (capMaxAttempts != null || capPerDays != null) {
      in.contactCap = new QueueInput.ContactCapInput();
      in.contactCap.maxAttempts = capMaxAttempts;
      in.contactCap.perDays = capPerDays;
    }
    in.onInboundContact = onInboundContact;
    in.ownershipAlertMinutes = ownershipAlertMinutes;
    if (slotMinutes != null && !slotMinutes.isBlank() || slotMaxCallbacks != null) {
      in.slotCapacity = new QueueInput.SlotCapacityInput();
      in.slotCapacity.slotMinutes =
          slotMinutes == null || slotMinutes.isBlank() ? null : Integer.valueOf(slotMinutes);
      in.slotCapacity.maxCallbacks = slotMaxCallbacks;
    }
    try {
      in.callingHours = callingHoursInput();
      Queue queue =
          editingId == null
              ? queues.create(name, QueueInput.settings(in), caller)
              : queues.update(editingId, name, QueueInput.settings(in), caller);
      info(
          (editingId == null ? "Queue '%s' created." : "Queue '%s' saved.")
              .formatted(queue.name()));
      editingId = queue.id();
      refresh();
    } catch (RuleViolation violation) {
      for (FieldError e : violation.errors()) {
        error(fieldId(e.field()), e.message());
      }
    } catch (Conflict e) {
      error(FORM + "name", e.getMessage());
    } catch (NotFound e) {
      error(null, e.getMessage());
    }
  }

  public void saveMembers() {
    if (editingId == null) {
      return;
    }
    try {
      Queue queue = queues.replaceMembers(editingId, Arrays.asList(memberIds), caller);
      info("Members of '%s' saved: %d agent(s).".formatted(queue.name(), queue.members().size()));
      refresh();
    } catch (RuleViolation violation) {
      violation.errors().forEach(e -> error("membership:members", e.message()));
    } catch (NotFound e) {
      error(null, e.getMessage());
    }
  }

  private void fill(CallbackSettings s) {
    OwnedCallbackPolicy o = s.ownedCallbacks();
    mode = s.mode().name();
    agentQueueSelection = s.allowsAgentQueueSelection();
    ownedEnabled = o.isEnabled();
    maxScheduleAheadHours = o.maxScheduleAheadHours();
    ownershipHours = o.ownershipHours();
    onExpiry = o.assignToQueueOnExpiry() ? "QUEUE" : "EXPIRED";
    maxRetryCount = s.maxRetryCount();
    retryDelaySeconds = s.retryDelaySeconds();
    offerTimeoutSeconds = s.timeLimits().offerTimeoutSeconds();
    maxCallMinutes = s.timeLimits().maxCallMinutes();
    ContactPolicy policy = s.contactPolicy();
    callingHours =
        policy.callingHours().map(h -> CallingHoursConverter.toJson(h).toString()).orElse("");
    allowCustomerRequestedOutsideHours = policy.allowsCustomerRequestedOutsideHours();
    capMaxAttempts = policy.contactCap().map(ContactCap::maxAttempts).orElse(null);
    capPerDays = policy.contactCap().map(ContactCap::perDays).orElse(null);
    onInboundContact = s.customerCare().onInboundContact().name();
    ownershipAlertMinutes = s.customerCare().ownershipAlertMinutes();
    slotMinutes = s.slotCapacity().map(c -> Integer.toString(c.slotMinutes())).orElse("");
    slotMaxCallbacks = s.slotCapacity().map(c -> c.maxCallbacks()).orElse(null);
  }

  /** The one-click preset: 08:00 to 21:00 every day (47 CFR 64.1200). */
  public void presetEveryDay() {
    callingHours =
        CallingHoursConverter.toJson(CallingHours.everyDay(LocalTime.of(8, 0), LocalTime.of(21, 0)))
            .toString();
  }

  /** The calling hours typed as JSON; blank means none. */
  private QueueInput.CallingHoursInput callingHoursInput() {
    if (callingHours == null || callingHours.isBlank()) {
      return null;
    }
    try (Jsonb jsonb = JsonbBuilder.create()) {
      return jsonb.fromJson(callingHours, QueueInput.CallingHoursInput.class);
    } catch (Exception e) {
      throw new RuleViolation(
          "callbackSettings.callingHours",
          "is not readable: write {\"days\": {\"MONDAY\": [{\"from\": \"08:00\", \"to\":"
              + " \"21:00\"}]}, \"closedDates\": []} or use the preset.");
    }
  }

  /**
   * "callbackSettings.ownedCallbacks.ownershipHours" is shown beside the field "ownershipHours".
   */
  private static String fieldId(String field) {
    if (field.contains("callingHours")) {
      return FORM + "callingHours";
    }
    if (field.contains("slotCapacity")) {
      return FORM + (field.endsWith("slotMinutes") ? "slotMinutes" : "slotMaxCallbacks");
    }
    if (field.contains("contactCap")) {
      return FORM + (field.endsWith("perDays") ? "capPerDays" : "capMaxAttempts");
    }
    String last = field.substring(field.lastIndexOf('.') + 1);
    return FIELDS.contains(last) ? FORM + last : null;
  }

  private void refresh() {
    rows = queues.all().stream().map(QueuesPage::row).toList();
    agentChoices =
        agents.all().stream()
            .map(a -> new AgentChoice(a.id(), a.name() + " (#" + a.id() + ")"))
            .toList();
  }

  private static Row row(Queue q) {
    CallbackSettings s = q.settings();
    OwnedCallbackPolicy o = s.ownedCallbacks();
    return new Row(
        q.id(),
        q.name(),
        s.mode() == CallbackMode.AGENT_FIRST ? "Agent first" : "Customer first",
        s.allowsAgentQueueSelection() ? "yes" : "no",
        o.isEnabled()
            ? "up to %dh ahead, for %dh, then %s"
                .formatted(
                    o.maxScheduleAheadHours(),
                    o.ownershipHours(),
                    o.assignToQueueOnExpiry() ? "to queue" : "EXPIRED")
            : "off",
        "%d every %ds".formatted(s.maxRetryCount(), s.retryDelaySeconds()),
        "offer %ds, call %d min"
            .formatted(s.timeLimits().offerTimeoutSeconds(), s.timeLimits().maxCallMinutes()),
        q.members().stream().map(Agent::name).collect(Collectors.joining(", ")));
  }

  public List<Row> getRows() {
    return rows;
  }

  public List<AgentChoice> getAgentChoices() {
    return agentChoices;
  }

  public List<String> getModes() {
    return Arrays.stream(CallbackMode.values()).map(Enum::name).toList();
  }

  public int getMinHours() {
    return OwnedCallbackPolicy.MIN_HOURS;
  }

  public int getMaxHours() {
    return OwnedCallbackPolicy.MAX_HOURS;
  }

  public int getMaxRetries() {
    return CallbackSettings.MAX_RETRY_COUNT;
  }

  public int getMinRetryDelay() {
    return CallbackSettings.MIN_RETRY_DELAY_SECONDS;
  }

  public int getMaxRetryDelay() {
    return CallbackSettings.MAX_RETRY_DELAY_SECONDS;
  }

  public int getMinOfferTimeout() {
    return TimeLimits.MIN_OFFER_TIMEOUT_SECONDS;
  }

  public int getMaxOfferTimeout() {
    return TimeLimits.MAX_OFFER_TIMEOUT_SECONDS;
  }

  public int getMinCallLimit() {
    return TimeLimits.MIN_CALL_MINUTES;
  }

  public int getMaxCallLimit() {
    return TimeLimits.MAX_CALL_MINUTES;
  }

  public boolean isEditing() {
    return editingId != null;
  }

  public Long getEditingId() {
    return editingId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public boolean isAgentQueueSelection() {
    return agentQueueSelection;
  }

  public void setAgentQueueSelection(boolean agentQueueSelection) {
    this.agentQueueSelection = agentQueueSelection;
  }

  public boolean isOwnedEnabled() {
    return ownedEnabled;
  }

  public void setOwnedEnabled(boolean ownedEnabled) {
    this.ownedEnabled = ownedEnabled;
  }

  public Integer getMaxScheduleAheadHours() {
    return maxScheduleAheadHours;
  }

  public void setMaxScheduleAheadHours(Integer maxScheduleAheadHours) {
    this.maxScheduleAheadHours = maxScheduleAheadHours;
  }

  public Integer getOwnershipHours() {
    return ownershipHours;
  }

  public void setOwnershipHours(Integer ownershipHours) {
    this.ownershipHours = ownershipHours;
  }

  public String getOnExpiry() {
    return onExpiry;
  }

  public void setOnExpiry(String onExpiry) {
    this.onExpiry = onExpiry;
  }

  public Integer getMaxRetryCount() {
    return maxRetryCount;
  }

  public void setMaxRetryCount(Integer maxRetryCount) {
    this.maxRetryCount = maxRetryCount;
  }

  public Integer getRetryDelaySeconds() {
    return retryDelaySeconds;
  }

  public void setRetryDelaySeconds(Integer retryDelaySeconds) {
    this.retryDelaySeconds = retryDelaySeconds;
  }

  public Integer getOfferTimeoutSeconds() {
    return offerTimeoutSeconds;
  }

  public void setOfferTimeoutSeconds(Integer offerTimeoutSeconds) {
    this.offerTimeoutSeconds = offerTimeoutSeconds;
  }

  public Integer getMaxCallMinutes() {
    return maxCallMinutes;
  }

  public void setMaxCallMinutes(Integer maxCallMinutes) {
    this.maxCallMinutes = maxCallMinutes;
  }

  public Long[] getMemberIds() {
    return memberIds;
  }

  public void setMemberIds(Long[] memberIds) {
    this.memberIds = memberIds == null ? new Long[0] : memberIds;
  }

  public String getCallingHours() {
    return callingHours;
  }

  public void setCallingHours(String callingHours) {
    this.callingHours = callingHours;
  }

  public boolean isAllowCustomerRequestedOutsideHours() {
    return allowCustomerRequestedOutsideHours;
  }

  public void setAllowCustomerRequestedOutsideHours(boolean allow) {
    this.allowCustomerRequestedOutsideHours = allow;
  }

  public Integer getCapMaxAttempts() {
    return capMaxAttempts;
  }

  public void setCapMaxAttempts(Integer capMaxAttempts) {
    this.capMaxAttempts = capMaxAttempts;
  }

  public Integer getCapPerDays() {
    return capPerDays;
  }

  public void setCapPerDays(Integer capPerDays) {
    this.capPerDays = capPerDays;
  }

  public String getOnInboundContact() {
    return onInboundContact;
  }

  public void setOnInboundContact(String onInboundContact) {
    this.onInboundContact = onInboundContact;
  }

  public Integer getOwnershipAlertMinutes() {
    return ownershipAlertMinutes;
  }

  public void setOwnershipAlertMinutes(Integer ownershipAlertMinutes) {
    this.ownershipAlertMinutes = ownershipAlertMinutes;
  }

  public String getSlotMinutes() {
    return slotMinutes;
  }

  public void setSlotMinutes(String slotMinutes) {
    this.slotMinutes = slotMinutes;
  }

  public Integer getSlotMaxCallbacks() {
    return slotMaxCallbacks;
  }

  public void setSlotMaxCallbacks(Integer slotMaxCallbacks) {
    this.slotMaxCallbacks = slotMaxCallbacks;
  }
}
