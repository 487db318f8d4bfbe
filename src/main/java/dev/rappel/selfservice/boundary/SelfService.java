package dev.rappel.selfservice.boundary;

import dev.rappel.callback.control.ComplianceGate;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.selfservice.entity.LinkToken;
import dev.rappel.selfservice.entity.SelfServiceLink;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the customer does through their link, each method one transaction. A token that opens
 * nothing (unknown, expired, revoked, or its callback ended) gives an empty answer, the same in
 * every case, so the page cannot tell one from another. Changes are the callback's own rules
 * (window, calling hours, slot capacity) with the actor {@value #CUSTOMER}.
 */
@Stateless
public class SelfService {
  /** The actor of the customer's changes in the history (pinned). */
  public static final String CUSTOMER = "customer";

  /** Times shown for one day: every quarter hour of a day at most. */
  static final int MAX_TIMES_PER_DAY = 96;

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject ComplianceGate compliance;

  /** The customer's callback as the page shows it: its time in their zone and its state. */
  public record CustomerCallback(
      CallbackTime time, CallbackState state, boolean changeable, List<LocalDate> days) {}

  public Optional<CustomerCallback> view(LinkToken token) {
    return open(token).map(this::shown);
  }

  /** The times the callback may move to on a day of the customer's, nearest first. */
  public Optional<List<Instant>> freeTimes(LinkToken token, LocalDate day) {
    return open(token)
        .map(
            callback -> {
              ZoneId zone = callback.time().zone();
              Instant latest = CallbackTime.latestFrom(clock.instant(), zone).toInstant();
              Instant from = day.atStartOfDay(zone).toInstant();
              Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
              if (to.isAfter(latest)) {
                to = latest;
              }
              // the end of the day, not the first minute of the next one
              Instant end = to.minusMillis(1);
              return end.isBefore(from)
                  ? List.<Instant>of()
                  : compliance.freeTimes(callback, from, end, MAX_TIMES_PER_DAY);
            });
  }

  /**
   * Moves the callback to {@code at}, under every booking rule; the rules' refusals reach the
   * caller as they are (the page words them for the customer).
   *
   * @return false when the token opens nothing
   */
  public boolean reschedule(LinkToken token, Instant at) {
    Optional<Callback> found = open(token);
    if (found.isEmpty()) {
      return false;
    }
    Callback callback = found.get();
    callback.reschedule(new CallbackTime(at, callback.time().zone()), clock, CUSTOMER);
    var verdict = compliance.requireBookable(callback, false, "at", CUSTOMER);
    compliance.recordBooking(callback, verdict, CUSTOMER);
    em.flush();
    return true;
  }

  /**
   * Cancels the callback.
   *
   * @return false when the token opens nothing
   */
  public boolean cancel(LinkToken token) {
    Optional<Callback> found = open(token);
    if (found.isEmpty()) {
      return false;
    }
    if (!found.get().state().isWaiting()) {
      throw new Conflict("Callback is " + found.get().state() + ": being handled, not canceled.");
    }
    found.get().cancel(clock, CUSTOMER);
    em.flush();
    return true;
  }

  private CustomerCallback shown(Callback callback) {
    ZoneId zone = callback.time().zone();
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate last = CallbackTime.latestFrom(now, zone).toLocalDate();
    return new CustomerCallback(
        callback.time(),
        callback.state(),
        callback.state().isWaiting(),
        today.datesUntil(last.plusDays(1)).toList());
  }

  /** The callback the token opens: link valid now, callback not ended. */
  private Optional<Callback> open(LinkToken token) {
    Instant now = clock.instant();
    return em.createNamedQuery(SelfServiceLink.BY_HASH, SelfServiceLink.class)
        .setParameter("hash", token.hash())
        .getResultStream()
        .findFirst()
        .filter(link -> link.opensAt(now))
        .map(link -> em.find(Callback.class, link.callbackId()))
        .filter(callback -> !callback.state().isTerminal() && !callback.isErased());
  }
}
