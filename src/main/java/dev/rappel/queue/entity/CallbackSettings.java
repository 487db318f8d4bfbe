package dev.rappel.queue.entity;

import dev.rappel.compliance.entity.ContactPolicy;
import dev.rappel.platform.entity.Violations;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A queue's callback policy, as an administrator sets it. */
@Embeddable
public class CallbackSettings {
  public static final int MAX_RETRY_COUNT = 10;
  public static final int MIN_RETRY_DELAY_SECONDS = 30;
  public static final int MAX_RETRY_DELAY_SECONDS = 86_400;

  @Enumerated(EnumType.STRING)
  @Column(name = "callback_mode", nullable = false, length = 20)
  private CallbackMode mode;

  @Column(name = "agent_queue_selection", nullable = false)
  private boolean agentQueueSelection;

  @Embedded private OwnedCallbackPolicy ownedCallbacks;

  @Column(name = "max_retry_count", nullable = false)
  private int maxRetryCount;

  @Column(name = "retry_delay_seconds", nullable = false)
  private int retryDelaySeconds;

  @Embedded private TimeLimits timeLimits;

  /** Calling hours, customer-requested times outside them, contact cap: all off by default. */
  @Embedded private ContactPolicy contactPolicy;

  /** What happens when the customer gets through another way; when owners are alerted. */
  @Embedded private CustomerCarePolicy customerCare;

  /** Slots with room ({@link SlotCapacity}): both set, or both null (off, the default). */
  @Column(name = "slot_minutes")
  private Integer slotMinutes;

  @Column(name = "slot_max_callbacks")
  private Integer slotMaxCallbacks;

  protected CallbackSettings() {}

  /** Settings with the default time limits ({@link TimeLimits#defaults()}). */
  public CallbackSettings(
      CallbackMode mode,
      boolean agentQueueSelection,
      OwnedCallbackPolicy ownedCallbacks,
      int maxRetryCount,
      int retryDelaySeconds) {
    this(mode, agentQueueSelection, ownedCallbacks, maxRetryCount, retryDelaySeconds, null);
  }

  /** A missing mode, ownership policy or time limits take the defaults. */
  public CallbackSettings(
      CallbackMode mode,
      boolean agentQueueSelection,
      OwnedCallbackPolicy ownedCallbacks,
      int maxRetryCount,
      int retryDelaySeconds,
      TimeLimits timeLimits) {
    Violations violations = new Violations();
    if (maxRetryCount < 0 || maxRetryCount > MAX_RETRY_COUNT) {
      violations.add(
          "callbackSettings.maxRetryCount",
          "must be between 0 and " + MAX_RETRY_COUNT + ", was " + maxRetryCount + ".");
    }
    if (retryDelaySeconds < MIN_RETRY_DELAY_SECONDS
        || retryDelaySeconds > MAX_RETRY_DELAY_SECONDS) {
      violations.add(
          "callbackSettings.retryDelaySeconds",
          "must be between 30 seconds and 1 day (30 to 86400 seconds), was "
              + retryDelaySeconds
              + ".");
    }
    violations.throwIfAny();
    this.mode = mode == null ? CallbackMode.AGENT_FIRST : mode;
    this.agentQueueSelection = agentQueueSelection;
    this.ownedCallbacks = ownedCallbacks == null ? OwnedCallbackPolicy.defaults() : ownedCallbacks;
    this.maxRetryCount = maxRetryCount;
    this.retryDelaySeconds = retryDelaySeconds;
    this.timeLimits = timeLimits == null ? TimeLimits.defaults() : timeLimits;
    this.contactPolicy = ContactPolicy.none();
    this.customerCare = CustomerCarePolicy.defaults();
  }

  /**
   * The product's defaults: agent first, no queue selection, ownership off, 3 retries, 300 s,
   * offers answered within 30 s, calls of at most 240 minutes.
   */
  public static CallbackSettings defaults() {
    return new CallbackSettings(
        CallbackMode.AGENT_FIRST, false, OwnedCallbackPolicy.defaults(), 3, 300);
  }

  public CallbackMode mode() {
    return mode;
  }

  public boolean allowsAgentQueueSelection() {
    return agentQueueSelection;
  }

  public OwnedCallbackPolicy ownedCallbacks() {
    return ownedCallbacks;
  }

  public int maxRetryCount() {
    return maxRetryCount;
  }

  public int retryDelaySeconds() {
    return retryDelaySeconds;
  }

  public TimeLimits timeLimits() {
    return timeLimits;
  }

  public ContactPolicy contactPolicy() {
    return contactPolicy == null ? ContactPolicy.none() : contactPolicy;
  }

  /** These settings with a contact policy (the constructors leave it off). */
  public CallbackSettings withContactPolicy(ContactPolicy policy) {
    this.contactPolicy = policy == null ? ContactPolicy.none() : policy;
    return this;
  }

  public CustomerCarePolicy customerCare() {
    return customerCare == null ? CustomerCarePolicy.defaults() : customerCare;
  }

  /** These settings with a customer-care policy (the constructors take the defaults). */
  public CallbackSettings withCustomerCare(CustomerCarePolicy policy) {
    this.customerCare = policy == null ? CustomerCarePolicy.defaults() : policy;
    return this;
  }

  /** At most so many callbacks per slot; empty = no limit. */
  public java.util.Optional<SlotCapacity> slotCapacity() {
    return SlotCapacity.of(slotMinutes, slotMaxCallbacks);
  }

  /** These settings with a slot capacity (the constructors leave it off). */
  public CallbackSettings withSlotCapacity(java.util.Optional<SlotCapacity> capacity) {
    this.slotMinutes = capacity.map(SlotCapacity::slotMinutes).orElse(null);
    this.slotMaxCallbacks = capacity.map(SlotCapacity::maxCallbacks).orElse(null);
    return this;
  }
}
