package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration 30 on a Derby that already holds rows: their ids stay, the sequences hand out ids above
 * them, blocks taken by two instances never overlap, and an insert that leaves the id to the
 * database still gets a unique one.
 */
class IdSequencesTest {
  private final EmbeddedDataSource derby = new EmbeddedDataSource();
  private final SqlDialect dialect = new SqlDialect();

  IdSequencesTest() {
    derby.setDatabaseName("memory:sequences-" + System.nanoTime());
    derby.setCreateDatabase("create");
    dialect.dataSource = derby;
  }

  private void migrate(String target) {
    Flyway.configure(getClass().getClassLoader())
        .dataSource(derby)
        .locations("classpath:db/migration/common", "classpath:db/migration/derby")
        .javaMigrations(new IdSequences())
        .target(target)
        .load()
        .migrate();
  }

  private static void insertCheck(Statement sql, String id) throws SQLException {
    sql.executeUpdate(
        "INSERT INTO compliance_check ("
            + (id == null ? "" : "id, ")
            + "callback_id, checked_at, stage, checked_for, outcome, zones, calling_hours, dnc,"
            + " contact_cap, actor) VALUES ("
            + (id == null ? "" : id + ", ")
            + "1, 0, 'BOOKING', 0, 'ALLOWED', 'Europe/Paris', 'OK', 'OK', 'OK', 'test')");
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  void ids_taken_after_the_migration_are_above_the_existing_ones_and_never_shared()
      throws SQLException {
    migrate("15");
    try (Connection connection = derby.getConnection();
        Statement sql = connection.createStatement()) {
      insertCheck(sql, null);
      insertCheck(sql, null);
      insertCheck(sql, "250");
    }
    migrate("30");
    IdBlocks first = new IdBlocks();
    first.dialect = dialect;
    IdBlocks second = new IdBlocks();
    second.dialect = dialect;
    Set<Long> ids = new HashSet<>();
    try (Connection connection = derby.getConnection();
        Statement sql = connection.createStatement()) {
      assertThat(single(sql, "SELECT COUNT(*) FROM compliance_check WHERE id IN (1, 2, 250)"))
          .isEqualTo(3);
      for (int i = 0; i < 250; i++) {
        ids.add(first.next(connection, "compliance_check_seq"));
        ids.add(second.next(connection, "compliance_check_seq"));
      }
      assertThat(ids).hasSize(500).allMatch(id -> id > 250);
      for (long id : ids) {
        insertCheck(sql, Long.toString(id));
      }
      // an insert that does not say its id gets one far above the sequence's range
      insertCheck(sql, null);
      assertThat(single(sql, "SELECT MAX(id) FROM compliance_check"))
          .isGreaterThanOrEqualTo(IdSequences.STRAY_BASE);
    }
  }
}
