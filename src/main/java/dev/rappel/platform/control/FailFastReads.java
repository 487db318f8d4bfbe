package dev.rappel.platform.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * A read that finds no connection fails at once. EclipseLink retries such a read by default, twice
 * and 5 s apart: while the database was down every request held its HTTP thread for 10 s before its
 * 503, so clients that retry could take every thread, the console included. Payara's pool hands out
 * only connections it validated (see {@code DataSourceSetup}), so a retry here has nothing to add;
 * the caller answers 503 and the client retries.
 */
public class FailFastReads implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
  }
}
