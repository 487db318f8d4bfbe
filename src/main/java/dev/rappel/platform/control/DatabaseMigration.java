package dev.rappel.platform.control;

import dev.rappel.DataSourceSetup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before anything else touches the database. Flyway owns the schema
 * (JPA schema generation is off). A failed migration does not fail the deployment: Payara Micro
 * would then still print "ready" and answer 404 everywhere. Instead the failure is kept and the
 * readiness check reports it, so an orchestrator sees the server as not ready.
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

  private volatile String failure;

  @PostConstruct
  void migrate() {
    try {
      String vendor = dialect.vendor();
      var result =
          Flyway.configure(getClass().getClassLoader())
              .dataSource(dataSource)
              .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
              .failOnMissingLocations(false)
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
    } catch (RuntimeException | SQLException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.log(Level.SEVERE, "Database migration failed; the server reports itself not ready", e);
    }
  }

  /** Why the schema could not be brought up to date, if it could not. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }
}
