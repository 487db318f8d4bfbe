package dev.rappel.platform.boundary;

import dev.rappel.DataSourceSetup;
import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.control.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means: the schema is migrated and the database answers now. Anything else is DOWN (503 on
 * {@code /health/ready}) with the reason, including a server that started before its database
 * answered and is still waiting for it to migrate the schema.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

  @Inject DatabaseMigration migration;

  @Inject SqlDialect dialect;

  @Resource(lookup = DataSourceSetup.JNDI_NAME)
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("database")
            .withData("vendor", dialect.knownVendor().orElse("unknown"));
    var failure = migration.failure();
    if (failure.isPresent()) {
      return response.down().withData("migration", failure.get()).build();
    }
    if (!migration.isStartedUp()) {
      String why = migration.waiting().orElse("not done yet");
      return response.down().withData("migration", "waiting: " + why).build();
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(2)) {
        return response.down().withData("connection", "not valid").build();
      }
      return response.up().withData("migration", "up to date").build();
    } catch (SQLException | RuntimeException e) {
      return response.down().withData("connection", String.valueOf(e.getMessage())).build();
    }
  }
}
