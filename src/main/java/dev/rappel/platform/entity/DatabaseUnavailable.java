package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * The database did not answer (down, unreachable, or no connection could be opened): nothing was
 * saved and the same request can succeed once it is back; answered with 503 and Retry-After, and
 * readiness says so. An application exception, so that during an outage the container rolls back
 * without logging a stack trace for every call of every instance; its cause keeps the database's
 * own error.
 */
@ApplicationException(rollback = true)
public class DatabaseUnavailable extends RuntimeException {
  /** What the caller is told, on the API and in the console alike. */
  public static final String TO_CALLER =
      "The database does not answer, so nothing was saved. Try again in a moment.";

  public DatabaseUnavailable(Throwable cause) {
    super("The database does not answer: " + cause.getMessage(), cause);
  }
}
