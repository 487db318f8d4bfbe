package dev.rappel.callback.control;

import dev.rappel.callback.entity.Attempt;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.callback.entity.DialOutcome;
import dev.rappel.compliance.control.ComplianceChecks;
import dev.rappel.compliance.entity.ComplianceCheck;
import dev.rappel.compliance.entity.ContactCap;
import dev.rappel.compliance.entity.ContactPolicy;
import dev.rappel.compliance.entity.Destination;
import dev.rappel.compliance.entity.Verdict;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.RefusedTime;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.SuggestedTime;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where callbacks meet the contact rules: every booking (schedule, create, reschedule, move) goes
 * through {@link #requireBookable} (the contact rules, then the slot's room), every dial (first
 * attempt and retries, both modes) through {@link #clearForDial}. Each check leaves its evidence; a
 * dial the rules refuse is held, deferred or canceled in the caller's transaction, with the reason
 * in the callback's history.
 */
@Dependent
public class ComplianceGate {

  @PersistenceContext EntityManager em;

  @Inject ComplianceChecks checks;

  @Inject Clock clock;

  @Inject SlotBookings slots;

  /**
   * Refuses a booking the rules do not allow: a listed number (422 on {@code phoneNumber}), a time
   * outside the calling hours without the customer's request or beyond the contact cap (422 on
   * {@code timeField} with the nearest allowed instants). A customer's request for a time outside
   * the hours, where the queue allows it, is recorded in the history with {@code actor}.
   *
   * @return the verdict, for {@link #recordBooking} once the callback has its id
   */
  public Verdict requireBookable(
      Callback callback, boolean outsideHoursConsent, String timeField, String actor) {
    ContactPolicy policy = callback.queue().settings().contactPolicy();
    if (outsideHoursConsent && !policy.allowsCustomerRequestedOutsideHours()) {
      throw new RuleViolation(
          "outsideHoursConsent",
          "Queue '"
              + callback.queue().name()
              + "' does not book times outside its calling hours, even at the customer's"
              + " request.");
    }
    boolean consented = outsideHoursConsent || callback.hasOutsideHoursConsent();
    PhoneNumber number = callback.phoneNumber().orElseThrow();
    Instant at = callback.time().instant();
    Destination destination = destination(callback);
    List<Instant> attempts = attemptsTo(number, policy, at);
    Verdict verdict = checks.check(policy, number, destination, at, consented, attempts);
    switch (verdict.outcome()) {
      case CANCELED ->
          throw new RuleViolation("phoneNumber", number.e164() + " is on the do-not-call list.");
      case HELD, DEFERRED -> {
        Instant now = clock.instant();
        List<SuggestedTime> suggestions =
            policy
                .suggestionsAround(
                    at,
                    destination,
                    attempts,
                    now,
                    CallbackTime.latestFrom(now, callback.time().zone()).toInstant())
                .stream()
                .map(i -> SuggestedTime.of(i, callback.time().zone()))
                .toList();
        String why =
            verdict.callingHours().failed()
                ? "is outside the calling hours of queue '"
                    + callback.queue().name()
                    + "' ("
                    + verdict.callingHours().detail()
                    + ")"
                : "is beyond the contact cap of queue '"
                    + callback.queue().name()
                    + "' ("
                    + verdict.contactCap().detail()
                    + ")";
        throw new RefusedTime(
            timeField,
            callback.time().describe()
                + " "
                + why
                + "."
                + (suggestions.isEmpty()
                    ? ""
                    : " Nearest allowed: "
                        + suggestions.stream()
                            .map(t -> t.customerLocalTime().replace('T', ' '))
                            .collect(java.util.stream.Collectors.joining(" or "))
                        + " (suggestedAt)."),
            suggestions);
      }
      default -> {
        // allowed
      }
    }
    slots.requireRoom(
        callback, timeField, i -> policy.firstLawfulAtOrAfter(i, destination, attempts));
    if (outsideHoursConsent && "CONSENTED".equals(verdict.callingHours().result())) {
      callback.recordOutsideHoursConsent(
          "the customer asked for "
              + callback.time().describe()
              + ": "
              + verdict.callingHours().detail(),
          clock,
          actor);
    }
    return verdict;
  }

  /**
   * The times the callback may move to between {@code from} and {@code to} (at most {@code limit},
   * nearest first): in slots with room, inside the calling hours, within the contact cap.
   */
  public List<Instant> freeTimes(Callback callback, Instant from, Instant to, int limit) {
    ContactPolicy policy = callback.queue().settings().contactPolicy();
    Optional<PhoneNumber> number = callback.phoneNumber();
    if (number.isEmpty()) {
      return List.of();
    }
    Destination destination = destination(callback);
    List<Instant> attempts = attemptsTo(number.get(), policy, to);
    return slots.freeTimes(
        callback, from, to, limit, i -> policy.firstLawfulAtOrAfter(i, destination, attempts));
  }

  /** Keeps the evidence of a booking's check, once the callback has its id. */
  public void recordBooking(Callback callback, Verdict verdict, String actor) {
    checks.record(callback.id(), ComplianceCheck.Stage.BOOKING, verdict, clock.instant(), actor);
  }

  /**
   * Checks a due callback right before it is offered, reserved or dialled. True when the dial may
   * go ahead; otherwise it has been canceled (do-not-call), held until the calling hours open, or
   * deferred until the contact cap allows another attempt, and says so in its history. Either way
   * the check is kept as evidence.
   */
  public boolean clearForDial(Callback callback) {
    Optional<PhoneNumber> number = callback.phoneNumber();
    if (number.isEmpty()) {
      return true; // erased: canceled already, never dialled
    }
    ContactPolicy policy = callback.queue().settings().contactPolicy();
    Instant now = clock.instant();
    Verdict verdict =
        checks.check(
            policy,
            number.get(),
            destination(callback),
            now,
            callback.hasOutsideHoursConsent(),
            attemptsTo(number.get(), policy, now));
    checks.record(callback.id(), ComplianceCheck.Stage.DIAL, verdict, now, Callback.SYSTEM);
    switch (verdict.outcome()) {
      case CANCELED -> callback.cancelForDoNotCall(verdict.doNotCall().detail(), clock);
      case HELD ->
          callback.holdUntil(
              verdict.until().orElseThrow(),
              Callback.HELD_FOR_CALLING_HOURS_EVENT,
              verdict.callingHours().detail() + "; held until " + verdict.until().get(),
              clock);
      case DEFERRED ->
          callback.holdUntil(
              verdict.until().orElseThrow(),
              Callback.DEFERRED_BY_CONTACT_CAP_EVENT,
              verdict.contactCap().detail() + "; deferred until " + verdict.until().get(),
              clock);
      default -> {
        return true;
      }
    }
    return false;
  }

  private static Destination destination(Callback callback) {
    return Destination.of(
        callback.givenZone(), callback.phoneNumber().orElseThrow(), callback.time().zone());
  }

  /** When dials to the number started within the cap's window before {@code at}; none without. */
  private List<Instant> attemptsTo(PhoneNumber number, ContactPolicy policy, Instant at) {
    Optional<ContactCap> cap = policy.contactCap();
    if (cap.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(Attempt.STARTS_TO_NUMBER, Instant.class)
        .setParameter("number", number.e164())
        .setParameter("since", cap.get().windowStart(at))
        .setParameter("notDialed", DialOutcome.NOT_DIALED)
        .getResultList();
  }
}
