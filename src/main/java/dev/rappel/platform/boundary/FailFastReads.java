package dev.rappel.platform.boundary;

import dev.rappel.platform.control.DatabaseMigration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.eclipse.persistence.sessions.Session;

/**
 * A read that finds no connection fails at once. EclipseLink retries such a read by default, twice
 * and 5 s apart: while the database was down every request held its HTTP thread for 10 s before its
 * 503, so clients that retry could take every thread, the console included. Payara's pool hands out
 * only connections it validated (see {@code DataSourceSetup}), so a retry here has nothing to add;
 * the caller answers 503 and the client retries.
 *
 * <p>Set on the running session once the schema is migrated (the database answered), not with a
 * session customizer: a class of this WAR with an EclipseLink type in a signature makes Payara's
 * OpenAPI scan lose the value types of every map in the served document.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class FailFastReads {

  @PersistenceUnit EntityManagerFactory persistence;

  @Inject DatabaseMigration migration;

  @PostConstruct
  void start() {
    migration.whenMigrated(this::apply);
  }

  void apply() {
    // a local variable, never a field or parameter: see above
    Session session = persistence.unwrap(Session.class);
    session.getLogin().setQueryRetryAttemptCount(0);
  }
}
