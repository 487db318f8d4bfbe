package dev.rappel.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Warnings about a failure that repeats every second (a ticker against a database that is down)
 * without flooding the log: at most one line per kind of failure per interval, and that line says
 * how many of its kind were held back since the previous one.
 */
public final class ThrottledLog {
  private final Logger logger;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, Kind> kinds = new HashMap<>();

  private static final class Kind {
    Instant loggedAt;
    int heldBack;
  }

  public ThrottledLog(Logger logger, Duration interval, Clock clock) {
    this.logger = logger;
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * Logs the failure at WARNING with its cause, unless one of the same kind was logged less than
   * the interval ago; then only counts it.
   *
   * @return whether a line was written
   */
  public synchronized boolean warn(String kind, String message, Throwable cause) {
    Instant now = clock.instant();
    Kind seen = kinds.computeIfAbsent(kind, k -> new Kind());
    if (seen.loggedAt != null && now.isBefore(seen.loggedAt.plus(interval))) {
      seen.heldBack++;
      return false;
    }
    String line = message;
    if (seen.heldBack > 0) {
      line +=
          " ("
              + seen.heldBack
              + " more like it since "
              + seen.loggedAt
              + " were not logged: at most one line per "
              + interval.toSeconds()
              + " s)";
    }
    LogRecord entry = new LogRecord(Level.WARNING, line);
    entry.setLoggerName(logger.getName());
    entry.setThrown(cause);
    logger.log(entry);
    seen.loggedAt = now;
    seen.heldBack = 0;
    return true;
  }

  /**
   * Logs {@code what} went wrong and the failure's innermost cause, throttled per type of that
   * cause (a database that is down, a refused connection): the kinds an operator tells apart. A
   * database that is down or busy is a state the innermost cause names, so its line has no stack
   * trace (about 150 lines through EclipseLink and the connection pool); any other failure keeps
   * its trace.
   *
   * @return whether a line was written
   */
  public boolean warnFailure(String what, Throwable failure) {
    boolean databaseState =
        DatabaseFailures.isUnavailable(failure) || DatabaseFailures.isBusy(failure);
    return warn(
        DatabaseFailures.rootCause(failure).getClass().getName(),
        what + " (" + DatabaseFailures.rootMessage(failure) + ")",
        databaseState ? null : failure);
  }
}
