package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/**
 * The migration of a server that starts before its database answers: it waits, tries again with
 * backoff on the scheduler (never on the starting thread), and migrates once the database answers.
 * Runs the real migrations on an in-memory Derby; the scheduler only records what it is given.
 */
class DatabaseMigrationTest {
  private final EmbeddedDataSource derby = new EmbeddedDataSource();
  private boolean down;
  private final List<Long> waits = new ArrayList<>();
  private final List<Runnable> scheduled = new ArrayList<>();
  private final SqlDialect dialect = new SqlDialect();
  private final DatabaseMigration migration = new DatabaseMigration();

  DatabaseMigrationTest() {
    derby.setDatabaseName("memory:migration-" + System.nanoTime());
    derby.setCreateDatabase("create");
    DataSource reachableOrNot =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (down && method.getName().equals("getConnection")) {
                    throw new SQLException("Connection refused", "08001");
                  }
                  try {
                    return method.invoke(derby, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    dialect.dataSource = reachableOrNot;
    migration.dataSource = reachableOrNot;
    migration.dialect = dialect;
    migration.databaseTime = new DatabaseTime();
    migration.databaseTime.dialect = dialect;
    migration.executors =
        new ManagedExecutors() {
          @Override
          public ManagedScheduledExecutorService scheduler() {
            return recordingScheduler();
          }
        };
  }

  private ManagedScheduledExecutorService recordingScheduler() {
    return (ManagedScheduledExecutorService)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ManagedScheduledExecutorService.class},
            (proxy, method, args) -> {
              if (method.getName().equals("schedule") && args[0] instanceof Runnable task) {
                waits.add(((TimeUnit) args[2]).toMillis((Long) args[1]));
                scheduled.add(task);
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private void runLastScheduled() {
    scheduled.get(scheduled.size() - 1).run();
  }

  @Test
  void a_database_that_answers_later_is_migrated_then_with_backoff_until_it_does() {
    down = true;
    migration.start();

    assertThat(migration.isMigrated()).isFalse();
    assertThat(migration.failure()).as("waiting is not a failure").isEmpty();
    assertThat(migration.waiting())
        .hasValueSatisfying(
            why -> assertThat(why).contains("does not answer").contains("next try in 1 s"));
    assertThat(dialect.knownVendor()).as("the vendor is cached only once known").isEmpty();
    List<String> ran = new ArrayList<>();
    migration.whenMigrated(() -> ran.add("first admin"));
    assertThat(ran).isEmpty();

    runLastScheduled();
    runLastScheduled();
    assertThat(waits).containsExactly(1000L, 2000L, 4000L);

    down = false;
    runLastScheduled();

    assertThat(migration.isMigrated()).isTrue();
    assertThat(migration.waiting()).isEmpty();
    assertThat(migration.failure()).isEmpty();
    assertThat(ran).containsExactly("first admin");
    assertThat(waits).as("no more tries").hasSize(3);
    assertThat(dialect.knownVendor()).contains("derby");
    migration.whenMigrated(() -> ran.add("later"));
    assertThat(ran).containsExactly("first admin", "later");
  }

  @Test
  void a_reachable_database_is_migrated_at_once_without_the_scheduler() {
    migration.start();

    assertThat(migration.isMigrated()).isTrue();
    assertThat(migration.databaseTime.isSynchronized())
        .as("the database's time is read before the server is ready")
        .isTrue();
    assertThat(waits).isEmpty();
  }

  @Test
  void a_migration_refused_by_a_database_that_answers_is_a_failure_not_a_wait()
      throws SQLException {
    try (Connection connection = derby.getConnection();
        Statement statement = connection.createStatement()) {
      // a schema Flyway does not know: it refuses to migrate over it
      statement.execute("CREATE TABLE stranger (id INT)");
    }

    migration.start();

    assertThat(migration.isMigrated()).isFalse();
    assertThat(migration.failure()).isPresent();
    assertThat(migration.waiting()).isEmpty();
    assertThat(waits).as("not retried: waiting would not help").isEmpty();
  }
}
