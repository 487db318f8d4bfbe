package dev.rappel.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.control.SqlDialect;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.Test;

/** Health answers are public: they say what is wrong in general words, never the database's. */
class ReadinessCheckTest {
  private static final String SECRET = "FATAL: password authentication failed for user rappel";

  static {
    // no health implementation outside the server: a plain builder will do
    HealthCheckResponse.setResponseProvider(ReadinessCheckTest.PlainBuilder::new);
  }

  static class PlainBuilder extends HealthCheckResponseBuilder {
    private String name;
    private boolean up;
    private final Map<String, Object> data = new LinkedHashMap<>();

    @Override
    public HealthCheckResponseBuilder name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, String value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, long value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, boolean value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder up() {
      return status(true);
    }

    @Override
    public HealthCheckResponseBuilder down() {
      return status(false);
    }

    @Override
    public HealthCheckResponseBuilder status(boolean up) {
      this.up = up;
      return this;
    }

    @Override
    public HealthCheckResponse build() {
      return new HealthCheckResponse(
          name,
          up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
          Optional.of(data));
    }
  }

  private static ReadinessCheck check(DatabaseMigration migration) {
    ReadinessCheck check = new ReadinessCheck();
    check.migration = migration;
    check.dialect = new SqlDialect();
    check.clock = Clock.systemUTC();
    check.dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                ReadinessCheckTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException(SECRET + " at db.internal:5432", "08001");
                });
    return check;
  }

  private static DatabaseMigration migration(boolean migrated, String failure, String waiting) {
    return new DatabaseMigration() {
      @Override
      public boolean isMigrated() {
        return migrated;
      }

      @Override
      public boolean isStartedUp() {
        return migrated;
      }

      @Override
      public Optional<String> failure() {
        return Optional.ofNullable(failure);
      }

      @Override
      public Optional<String> waiting() {
        return Optional.ofNullable(waiting);
      }
    };
  }

  @Test
  void a_database_that_does_not_answer_is_reported_without_its_error_text() {
    HealthCheckResponse response = check(migration(true, null, null)).call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow().toString())
        .contains("the database does not answer")
        .doesNotContain("password")
        .doesNotContain("db.internal");
  }

  @Test
  void a_failed_or_waiting_migration_is_reported_without_its_error_text() {
    HealthCheckResponse failed = check(migration(false, "FlywayException: " + SECRET, null)).call();
    assertThat(failed.getData().orElseThrow().toString())
        .contains("failed; see the server log")
        .doesNotContain("password");
    HealthCheckResponse waiting =
        check(migration(false, null, "the database does not answer (" + SECRET + ")")).call();
    assertThat(waiting.getData().orElseThrow().toString())
        .contains("waiting: the database does not answer")
        .doesNotContain("password");
  }
}
