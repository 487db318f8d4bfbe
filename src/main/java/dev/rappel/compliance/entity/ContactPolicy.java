package dev.rappel.compliance.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A queue's rules for contacting people: its calling hours (none = no restriction), whether a
 * customer who asks for a time outside them may have it, and its contact cap (none = off). All off
 * by default.
 */
@Embeddable
public class ContactPolicy {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Convert(converter = CallingHoursConverter.class)
  @Column(name = "calling_hours")
  private CallingHours callingHours;

  @Column(name = "allow_outside_hours_request", nullable = false)
  private boolean allowCustomerRequestedOutsideHours;

  @Column(name = "contact_cap_max_attempts")
  private Integer capMaxAttempts;

  @Column(name = "contact_cap_per_days")
  private Integer capPerDays;

  protected ContactPolicy() {}

  public ContactPolicy(
      Optional<CallingHours> callingHours,
      boolean allowCustomerRequestedOutsideHours,
      Optional<ContactCap> contactCap) {
    this.callingHours = callingHours.orElse(null);
    this.allowCustomerRequestedOutsideHours = allowCustomerRequestedOutsideHours;
    this.capMaxAttempts = contactCap.map(ContactCap::maxAttempts).orElse(null);
    this.capPerDays = contactCap.map(ContactCap::perDays).orElse(null);
  }

  /** No calling hours, no cap: what existing and new queues start with. */
  public static ContactPolicy none() {
    return new ContactPolicy(Optional.empty(), false, Optional.empty());
  }

  public Optional<CallingHours> callingHours() {
    return Optional.ofNullable(callingHours);
  }

  public boolean allowsCustomerRequestedOutsideHours() {
    return allowCustomerRequestedOutsideHours;
  }

  public Optional<ContactCap> contactCap() {
    return ContactCap.of(capMaxAttempts, capPerDays);
  }

  /**
   * Checks a call to a number at {@code at}: the do-not-call list first (a listed number is never
   * called), then the calling hours in every zone of the destination (unless the customer asked for
   * this time), then the contact cap over the number's earlier attempts. A call the hours or the
   * cap do not allow now waits for the first instant both allow.
   *
   * @param consented the customer asked for this time, outside the hours, and the policy allows it
   * @param listing the number's do-not-call entry, if any
   * @param attempts when earlier attempts to the number were made, across all its callbacks
   */
  public Verdict check(
      Instant at,
      Destination destination,
      boolean consented,
      Optional<DncEntry> listing,
      List<Instant> attempts) {
    RuleResult dnc =
        listing
            .filter(entry -> entry.appliesAt(at))
            .map(
                entry ->
                    new RuleResult(
                        RuleResult.FAILED, "on the do-not-call list: " + entry.describe()))
            .orElse(new RuleResult(RuleResult.PASSED, "not on the do-not-call list"));
    RuleResult hours = hoursAt(at, destination, consented);
    RuleResult cap = capAt(at, attempts);
    Verdict.Outcome outcome;
    Optional<Instant> until = Optional.empty();
    if (dnc.failed()) {
      outcome = Verdict.Outcome.CANCELED;
    } else if (hours.failed() || cap.failed()) {
      outcome = hours.failed() ? Verdict.Outcome.HELD : Verdict.Outcome.DEFERRED;
      // nothing lawful within the search horizon: look again in a day rather than never
      until =
          Optional.of(
              firstLawfulAtOrAfter(at, destination, attempts).orElse(at.plus(Duration.ofDays(1))));
    } else {
      outcome = Verdict.Outcome.ALLOWED;
    }
    return new Verdict(at, destination, hours, dnc, cap, outcome, until);
  }

  private RuleResult hoursAt(Instant at, Destination destination, boolean consented) {
    if (callingHours == null) {
      return new RuleResult(RuleResult.OFF, "no calling hours on this queue");
    }
    String local =
        destination.zones().stream()
            .map(zone -> LocalDateTime.ofInstant(at, zone).format(LOCAL) + " in " + zone.getId())
            .collect(Collectors.joining(", "));
    if (callingHours.allowsEverywhere(at, destination.zones())) {
      return new RuleResult(RuleResult.PASSED, local + ": inside " + callingHours.describe());
    }
    if (consented) {
      return new RuleResult(
          RuleResult.CONSENTED,
          local + ": outside " + callingHours.describe() + ", at the customer's request");
    }
    return new RuleResult(RuleResult.FAILED, local + ": outside " + callingHours.describe());
  }

  private RuleResult capAt(Instant at, List<Instant> attempts) {
    Optional<ContactCap> cap = contactCap();
    if (cap.isEmpty()) {
      return new RuleResult(RuleResult.OFF, "no contact cap on this queue");
    }
    long count = cap.get().countAt(at, attempts);
    String detail =
        count
            + " attempt(s) to this number in the "
            + cap.get().perDays()
            + " days before "
            + at
            + "; the cap is "
            + cap.get().describe();
    return new RuleResult(
        cap.get().allowsAnotherAt(at, attempts) ? RuleResult.PASSED : RuleResult.FAILED, detail);
  }

  /**
   * The first instant at or after {@code at} that the calling hours (in every zone) and the contact
   * cap both allow; empty if the hours never open within the search horizon.
   */
  public Optional<Instant> firstLawfulAtOrAfter(
      Instant at, Destination destination, List<Instant> attempts) {
    Instant candidate = at;
    for (int i = 0; i < 100; i++) {
      Instant moved = candidate;
      if (callingHours != null) {
        Optional<Instant> open = callingHours.nextOpeningEverywhere(moved, destination.zones());
        if (open.isEmpty()) {
          return Optional.empty();
        }
        moved = open.get();
      }
      Optional<ContactCap> cap = contactCap();
      if (cap.isPresent()) {
        moved = cap.get().firstAllowedAtOrAfter(moved, attempts);
      }
      if (moved.equals(candidate)) {
        return Optional.of(candidate);
      }
      candidate = moved;
    }
    return Optional.empty();
  }

  /**
   * The last instant at or before {@code at} that the hours and the cap both allow. The cap only
   * loosens with time, so if it refuses {@code at} it refuses every earlier instant too.
   */
  public Optional<Instant> lastLawfulAtOrBefore(
      Instant at, Destination destination, List<Instant> attempts) {
    Optional<Instant> open =
        callingHours == null
            ? Optional.of(at)
            : callingHours.lastOpenEverywhereAtOrBefore(at, destination.zones());
    return open.filter(
        instant -> contactCap().map(cap -> cap.allowsAnotherAt(instant, attempts)).orElse(true));
  }

  /**
   * The nearest lawful instants around a refused one, nearest first: the last one before it and the
   * first one after it, each only if within {@code [earliest, latest]} (a booking's window).
   */
  public List<Instant> suggestionsAround(
      Instant at,
      Destination destination,
      List<Instant> attempts,
      Instant earliest,
      Instant latest) {
    List<Instant> found = new ArrayList<>();
    lastLawfulAtOrBefore(at, destination, attempts)
        .filter(i -> !i.isBefore(earliest) && !i.isAfter(latest))
        .ifPresent(found::add);
    firstLawfulAtOrAfter(at, destination, attempts)
        .filter(i -> !i.isBefore(earliest) && !i.isAfter(latest))
        .filter(i -> !found.contains(i))
        .ifPresent(found::add);
    found.sort(Comparator.comparing(i -> Duration.between(i, at).abs()));
    return found;
  }

  public String describe() {
    return "calling hours "
        + callingHours().map(CallingHours::describe).orElse("none")
        + (allowCustomerRequestedOutsideHours ? " (customer may ask outside them)" : "")
        + ", contact cap "
        + contactCap().map(ContactCap::describe).orElse("none");
  }
}
