package dev.rappel.callback.boundary;

import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.entity.CallbackAccess;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The read side of callbacks: the lists of the API and the supervisor's console, each narrowed to
 * what the caller may see, and the supervisor's overview. Each method is one transaction.
 */
@Stateless
public class CallbackLists {

  @Inject CallbackSearch search;

  @Inject Clock clock;

  /**
   * Supervisors and admins list every callback; agents their own; integrations what they created.
   */
  public CallbackSearch.Page list(CallbackFilter filter, int page, int size, Caller caller) {
    return search.find(filter, CallbackAccess.of(caller), page, size);
  }

  /** How many callbacks of the list the caller may see, up to the count limit. */
  public CallbackSearch.Count count(CallbackFilter filter, Caller caller) {
    return search.count(filter, CallbackAccess.of(caller));
  }

  /** The lines of the list from {@code first} on, in the order asked, for a view that counted. */
  public List<CallbackSearch.Line> lines(
      CallbackFilter filter, CallbackSearch.Sort sort, int first, int size, Caller caller) {
    return search.lines(filter, CallbackAccess.of(caller), sort, first, size);
  }

  /**
   * The next lines of an export, in due-time order after {@code after} (from the start when null);
   * each page its own transaction, so a long export holds no transaction open while it writes.
   */
  public List<CallbackSearch.Line> exportPage(
      CallbackFilter filter, CallbackSearch.Line after, int size, Caller caller) {
    return search.linesAfter(filter, CallbackAccess.of(caller), after, size);
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

  /**
   * How many owned callbacks still waiting have their ownership ending within their queue's alert
   * window (their owner has been, or is being, alerted): the supervisor's early warning.
   */
  public long ownershipsEnding(Caller caller) {
    if (!caller.seesEverything()) {
      throw new Forbidden("Only supervisors and admins see the overview of every callback.");
    }
    return search.ownershipsEndingAt(clock.instant());
  }
}
