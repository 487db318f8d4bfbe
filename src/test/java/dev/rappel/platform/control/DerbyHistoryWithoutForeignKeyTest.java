package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migrations 33 and 34 on Derby: the history table loses its foreign key and its time index; its
 * steps stay unique per callback and its other indexes stay.
 */
class DerbyHistoryWithoutForeignKeyTest {
  private final EmbeddedDataSource derby = new EmbeddedDataSource();

  DerbyHistoryWithoutForeignKeyTest() {
    derby.setDatabaseName("memory:history-" + System.nanoTime());
    derby.setCreateDatabase("create");
  }

  private void migrate(String target) {
    Flyway.configure(getClass().getClassLoader())
        .dataSource(derby)
        .locations("classpath:db/migration/common", "classpath:db/migration/derby")
        .javaMigrations(DatabaseMigration.javaMigrations("derby"))
        .target(target)
        .load()
        .migrate();
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String constraintsOfHistory(char type) {
    return "SELECT COUNT(*) FROM sys.sysconstraints c JOIN sys.systables t ON c.tableid = t.tableid"
        + " WHERE t.tablename = 'CALLBACK_EVENT' AND c.type = '"
        + type
        + "'";
  }

  private static String indexOfHistory(String name) {
    return "SELECT COUNT(*) FROM sys.sysconglomerates g JOIN sys.systables t ON g.tableid = t.tableid"
        + " WHERE t.tablename = 'CALLBACK_EVENT' AND g.isindex AND g.conglomeratename = '"
        + name
        + "'";
  }

  private static void insertStep(Statement sql, long id, long callback, int seq)
      throws SQLException {
    sql.executeUpdate(
        "INSERT INTO callback_event (id, callback_id, seq, occurred_at, event, actor, state_after)"
            + " VALUES ("
            + id
            + ", "
            + callback
            + ", "
            + seq
            + ", 0, 'QUEUED', 'system', 'ON_DELIVERY')");
  }

  @Test
  void the_history_loses_its_foreign_key_and_keeps_each_step_unique_per_callback()
      throws SQLException {
    migrate("32");
    try (Connection connection = derby.getConnection();
        Statement sql = connection.createStatement()) {
      assertThat(count(sql, constraintsOfHistory('F'))).isEqualTo(1);
    }
    migrate("33");
    try (Connection connection = derby.getConnection();
        Statement sql = connection.createStatement()) {
      assertThat(count(sql, constraintsOfHistory('F'))).isZero();
      assertThat(count(sql, constraintsOfHistory('P'))).isEqualTo(1);
      insertStep(sql, 1, 7, 1);
      insertStep(sql, 2, 7, 2);
      assertThatThrownBy(() -> insertStep(sql, 3, 7, 2))
          .isInstanceOf(SQLIntegrityConstraintViolationException.class);
      assertThat(count(sql, "SELECT COUNT(*) FROM callback_event WHERE callback_id = 7"))
          .isEqualTo(2);
    }
  }

  @Test
  void derby_drops_the_time_index_of_the_history_and_keeps_the_others() throws SQLException {
    migrate("33");
    try (Connection connection = derby.getConnection();
        Statement sql = connection.createStatement()) {
      assertThat(count(sql, indexOfHistory("IX_CALLBACK_EVENT_OCCURRED"))).isEqualTo(1);
    }
    migrate("34");
    try (Connection connection = derby.getConnection();
        Statement sql = connection.createStatement()) {
      assertThat(count(sql, indexOfHistory("IX_CALLBACK_EVENT_OCCURRED"))).isZero();
      assertThat(count(sql, indexOfHistory("IX_CALLBACK_EVENT_SEQ"))).isEqualTo(1);
      assertThat(count(sql, constraintsOfHistory('P'))).isEqualTo(1);
    }
  }

  @Test
  void only_derby_runs_it() {
    assertThat(DatabaseMigration.javaMigrations("derby"))
        .anyMatch(DerbyHistoryWithoutForeignKey.class::isInstance);
    assertThat(DatabaseMigration.javaMigrations("postgresql"))
        .noneMatch(DerbyHistoryWithoutForeignKey.class::isInstance);
  }
}
