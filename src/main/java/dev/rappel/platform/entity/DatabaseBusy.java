package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * The database was too busy to take a write (a lock wait timed out, a deadlock): nothing was saved
 * and the same request can succeed; answered with 503 and Retry-After. An application exception, so
 * the container rolls back without logging a stack trace for what is load, not a fault; its cause
 * keeps the database's own error.
 */
@ApplicationException(rollback = true)
public class DatabaseBusy extends RuntimeException {
  /** What the caller is told, on the API and in the console alike. */
  public static final String TO_CALLER = "The database was busy, so nothing was saved. Try again.";

  public DatabaseBusy(Throwable cause) {
    super("The database was busy: " + cause.getMessage(), cause);
  }
}
