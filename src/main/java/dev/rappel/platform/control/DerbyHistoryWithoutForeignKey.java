package dev.rappel.platform.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 33, Derby only: the history table loses its foreign key to the callback. Derby checks
 * it by a lookup in the callback's primary key and keeps a second index on {@code callback_id} for
 * it (beside the unique {@code (callback_id, seq)} index every history read uses), so each history
 * row cost one more index entry and one more lookup. A burst writes one row per callback: in the
 * server, the 500 history inserts of a delivery batch went from 11–37 ms to 7–8 ms (the same
 * statements alone over plain JDBC: 10,000 deliveries in 345–402 ms instead of 439–505 ms).
 *
 * <p>What the key guarded cannot happen through Rappel: a history row is only written with its
 * callback, in the callback's own transaction, and no callback is ever deleted (erasure blanks a
 * callback's personal data in place). A row deleted by hand from {@code callback} would now leave
 * its history behind instead of being refused. PostgreSQL keeps the key: there it costs little and
 * the targets are met with it.
 *
 * <p>Written in Java because Derby named the constraint itself (it was declared inline), and plain
 * SQL on Derby cannot drop a constraint whose name it has to look up.
 */
public class DerbyHistoryWithoutForeignKey implements JavaMigration {

  private static final String KEYS =
      "SELECT c.constraintname FROM sys.sysconstraints c"
          + " JOIN sys.systables t ON c.tableid = t.tableid"
          + " JOIN sys.sysschemas s ON t.schemaid = s.schemaid"
          + " WHERE t.tablename = 'CALLBACK_EVENT' AND s.schemaname = CURRENT SCHEMA"
          + " AND c.type = 'F'";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("33");
  }

  @Override
  public String getDescription() {
    return "history without foreign key on derby";
  }

  @Override
  public Integer getChecksum() {
    return 33_001;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    List<String> keys = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(KEYS);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String key : keys) {
        statement.execute(
            "ALTER TABLE callback_event DROP CONSTRAINT \"" + key.replace("\"", "\"\"") + "\"");
      }
    }
  }
}
