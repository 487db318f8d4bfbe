package dev.rappel.platform.control;

import java.sql.SQLException;

/**
 * What a failure says about the database, read from its chain of causes: busy (a lock wait or
 * deadlock: the same request can succeed now) or unavailable (down or unreachable), both the
 * database's state and not the request's fault (the API answers 503, never 500); or a key that a
 * concurrent write broke.
 */
public final class DatabaseFailures {
  private DatabaseFailures() {}

  /** SQL states of class 40: transaction rollback (deadlock, lock timeout, serialization). */
  public static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The database cannot be reached: SQL states of class 08 (connection exception) and 57P
   * (PostgreSQL shutting down), a refused connection, the server's pool unable to open one, or a
   * commit the transaction manager could not complete.
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      // a commit the database never confirmed (it went away during it): nothing acknowledged,
      // the client retries, with the same Idempotency-Key to be safe
      if (t instanceof jakarta.transaction.SystemException) {
        return true;
      }
      if (t instanceof java.net.ConnectException
          || t.getClass().getName().endsWith("PoolingException")
          || (t.getMessage() != null
              && t.getMessage().contains("Error in allocating a connection"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A key refused the write (SQL states of class 23, integrity constraint violation): a unique key
   * a concurrent insert took first, or a row a concurrent delete removed. A race the caller answers
   * as what it is.
   */
  public static boolean isKeyViolation(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause, in one line. */
  public static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** The innermost cause: what the database, the network or the driver said first. */
  public static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
