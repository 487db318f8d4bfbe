package dev.rappel.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The EJB container's log of failed bean calls, without a stack trace for a database that stopped
 * answering. A call whose commit the database cut off is logged by the container as a system
 * exception with a trace of about 150 lines, and no interceptor can answer it first: the commit
 * comes after the bean method and its interceptors returned. When the database stops, one to three
 * of 16 concurrent creates fail that way (measured), while Rappel reports the outage itself in a
 * few lines. Set on the container's logger, this filter turns such a failure into one line,
 * throttled per cause; every other system exception is logged as before, in one record with its
 * trace.
 *
 * <p>The container logs a failed call as two records on the calling thread: a message naming the
 * bean and the method, then the exception alone. The message is held until the exception tells
 * which it is.
 */
public final class ContainerFailureLog implements Filter {
  static final String CONTAINER_LOGGER = "jakarta.enterprise.ejb.container";
  static final String SYSTEM_EXCEPTION = "AS-EJB-00056";
  private static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Logger container;
  private final Optional<Filter> previous;
  private final ThrottledLog quiet;
  private final ThreadLocal<LogRecord> heading = new ThreadLocal<>();
  private final ThreadLocal<Boolean> releasing = new ThreadLocal<>();

  ContainerFailureLog(Logger container, Clock clock) {
    this.container = container;
    this.previous = Optional.ofNullable(container.getFilter());
    this.quiet =
        new ThrottledLog(Logger.getLogger(ContainerFailureLog.class.getName()), INTERVAL, clock);
  }

  /** Sets the filter on the container's logger, after any filter it had. */
  public static ContainerFailureLog install(Clock clock) {
    Logger container = Logger.getLogger(CONTAINER_LOGGER);
    ContainerFailureLog filter = new ContainerFailureLog(container, clock);
    container.setFilter(filter);
    return filter;
  }

  /** Gives the logger back its earlier filter: nothing of an undeployed application stays in it. */
  public void uninstall() {
    if (container.getFilter() == this) {
      container.setFilter(previous.orElse(null));
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (Boolean.TRUE.equals(releasing.get())) {
      return true;
    }
    if (previous.isPresent() && !previous.get().isLoggable(record)) {
      return false;
    }
    LogRecord held = heading.get();
    heading.remove();
    if (SYSTEM_EXCEPTION.equals(record.getMessage()) && record.getThrown() == null) {
      if (held != null) { // never seen: the container logs its two records in a row
        release(held);
      }
      heading.set(record);
      return false;
    }
    if (held == null) {
      return true;
    }
    Throwable failure = record.getThrown();
    if (failure == null) {
      release(held);
      return true;
    }
    if (DatabaseFailures.isUnavailable(failure)) {
      quiet.warnFailure(
          "A call of "
              + callOf(held)
              + " failed because the database stopped answering; its caller was told it failed"
              + " (a commit cut off this way may or may not have been kept)",
          failure);
      return false;
    }
    // one record: the container's message and the failure's trace
    record.setMessage(held.getMessage());
    record.setParameters(held.getParameters());
    record.setResourceBundle(held.getResourceBundle());
    record.setResourceBundleName(held.getResourceBundleName());
    return true;
  }

  /** The bean and method the container named: {@code Callbacks.create}. */
  private static String callOf(LogRecord held) {
    Object[] names = held.getParameters();
    if (names == null || names.length < 2) {
      return "a bean";
    }
    String method =
        names[1] instanceof java.lang.reflect.Method m ? m.getName() : String.valueOf(names[1]);
    return names[0] + "." + method;
  }

  /** Logs a held record as it was. */
  private void release(LogRecord held) {
    releasing.set(Boolean.TRUE);
    try {
      container.log(held);
    } finally {
      releasing.remove();
    }
  }
}
