package dev.rappel.platform.boundary;

import dev.rappel.DataSourceSetup;
import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.control.DatabaseTime;
import dev.rappel.platform.control.SqlDialect;
import dev.rappel.platform.control.ThrottledLog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means: the schema is migrated, the database answers now and its time has been read (the
 * server keeps the database's time, see {@link DatabaseTime}). Anything else is DOWN (503 on {@code
 * /health/ready}) with the reason, including a server that started before its database answered and
 * is still waiting for it to migrate the schema. Health answers are public, so the reasons are
 * short and generic: database error text (names, hosts, SQL) goes to the log only.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
  private static final Logger LOG = Logger.getLogger(ReadinessCheck.class.getName());

  @Inject DatabaseMigration migration;

  @Inject SqlDialect dialect;

  @Inject DatabaseTime databaseTime;

  @Resource(lookup = DataSourceSetup.JNDI_NAME)
  DataSource dataSource;

  @Inject Clock clock;

  private volatile ThrottledLog log;

  /** Probes ask every few seconds: one line a minute is enough. */
  private ThrottledLog log() {
    if (log == null) {
      log = new ThrottledLog(LOG, Duration.ofMinutes(1), clock);
    }
    return log;
  }

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("database")
            .withData("vendor", dialect.knownVendor().orElse("unknown"));
    var failure = migration.failure();
    if (failure.isPresent()) {
      // logged with its cause when it happened
      return response.down().withData("migration", "failed; see the server log").build();
    }
    if (!migration.isStartedUp()) {
      String why =
          migration.waiting().isPresent() ? "the database does not answer" : "not done yet";
      return response.down().withData("migration", "waiting: " + why).build();
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(2)) {
        return response.down().withData("connection", "not valid").build();
      }
      response.withData("migration", "up to date");
      if (!databaseTime.isSynchronized()) {
        // due checks would compare with this host's clock, which may be wrong
        return response.down().withData("clock", "not yet compared with the database's").build();
      }
      return response
          .up()
          .withData("hostClockAheadMs", databaseTime.hostAhead().toMillis())
          .build();
    } catch (SQLException | RuntimeException e) {
      log().warnFailure("Readiness: the database does not answer", e);
      return response.down().withData("connection", "the database does not answer").build();
    }
  }
}
