package dev.rappel.platform.control;

import dev.rappel.DataSourceSetup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Brings the schema up to date before anything else touches the database. Flyway owns the schema
 * (JPA schema generation is off). With the database reachable at start, this happens during
 * deployment, before the other startup beans; when it does not answer yet, the server starts
 * anyway, not ready, and tries again in the background (1 s, doubling up to 30 s) until it answers,
 * then runs what waited for the schema ({@link #whenMigrated}). A migration that fails on a
 * reachable database does not fail the deployment either (Payara Micro would still print "ready"
 * and answer 404 everywhere): the failure is kept and the health checks report it.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DatabaseMigration {
  private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

  @Resource(lookup = DataSourceSetup.JNDI_NAME)
  DataSource dataSource;

  @Inject SqlDialect dialect;

  @Inject ManagedExecutors executors;

  @Inject DatabaseTime databaseTime;

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private final List<Runnable> waitingForSchema = new ArrayList<>();
  private volatile boolean migrated;

  /** The steps that waited for the schema (first admin, demo seed) have run. */
  private volatile boolean startedUp;

  private volatile String failure;
  private volatile String unreachable;
  private volatile ScheduledFuture<?> nextTry;

  @PostConstruct
  void start() {
    // already done by the persistence provider, which Payara creates before any connection; this
    // covers a deployment that opens the database here first
    DerbyDefaults.apply();
    attempt();
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> pending = nextTry;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  /** The migrations written in Java; some exist for one database only. */
  static JavaMigration[] javaMigrations(String vendor) {
    return "derby".equals(vendor)
        ? new JavaMigration[] {new IdSequences(), new DerbyHistoryWithoutForeignKey()}
        : new JavaMigration[] {new IdSequences()};
  }

  private void attempt() {
    String vendor;
    try {
      vendor = dialect.vendor();
    } catch (SQLException | RuntimeException e) {
      retryLater(e);
      return;
    }
    try {
      var result =
          Flyway.configure(getClass().getClassLoader())
              .dataSource(dataSource)
              .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
              .failOnMissingLocations(false)
              .javaMigrations(javaMigrations(vendor))
              .load()
              .migrate();
      LOG.info(
          () ->
              "Database schema on "
                  + vendor
                  + " is at version "
                  + result.targetSchemaVersion
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied now)");
    } catch (RuntimeException e) {
      if (isConnectionLost(e)) {
        retryLater(e);
      } else {
        unreachable = null;
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.log(Level.SEVERE, "Database migration failed; the server reports itself not ready", e);
      }
      return;
    }
    unreachable = null;
    backoff.reset();
    runWaiting();
  }

  /** The database does not answer yet: not a failure of the schema, so wait and try again. */
  private void retryLater(Exception e) {
    Duration wait = backoff.next();
    unreachable =
        "the database does not answer ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); next try in "
            + wait.toSeconds()
            + " s";
    LOG.warning("Schema not migrated yet: " + unreachable);
    try {
      nextTry =
          executors.scheduler().schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException cannotWait) {
      failure = "cannot schedule the next migration attempt: " + cannotWait.getMessage();
      LOG.log(Level.SEVERE, "Database migration given up; restart the server", cannotWait);
    }
  }

  private void runWaiting() {
    try {
      // before the first request: a host clock that is wrong must not judge "in the past"
      databaseTime.synchronize();
    } catch (RuntimeException e) {
      LOG.warning(
          "The database's time is not read yet (the server is not ready): " + e.getMessage());
    }
    List<Runnable> actions;
    synchronized (waitingForSchema) {
      migrated = true;
      actions = List.copyOf(waitingForSchema);
      waitingForSchema.clear();
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "A startup step after the migration failed", e);
      }
    }
    startedUp = true;
  }

  /**
   * Runs the action once the schema is up to date: now if it is, otherwise right after the
   * migration, on the thread that made it.
   */
  public void whenMigrated(Runnable action) {
    synchronized (waitingForSchema) {
      if (!migrated) {
        waitingForSchema.add(action);
        return;
      }
    }
    action.run();
  }

  /** Whether the schema is up to date, so the database may be used. */
  public boolean isMigrated() {
    return migrated;
  }

  /**
   * Whether the server may take requests: migrated, and the steps that waited for the schema (the
   * first admin among them) done, so a request that comes as soon as it is ready finds them.
   */
  public boolean isStartedUp() {
    return startedUp;
  }

  /** Why the schema could not be brought up to date on a database that answered, if so. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Why the migration is still waiting for the database, while it is. */
  public Optional<String> waiting() {
    return Optional.ofNullable(unreachable);
  }

  /** A connection that broke during the migration (SQL state class 08): try again later. */
  static boolean isConnectionLost(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
