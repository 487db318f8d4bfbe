package dev.rappel.backup.boundary;

import dev.rappel.DataSourceSetup;
import dev.rappel.audit.control.Audit;
import dev.rappel.backup.entity.BackupFolder;
import dev.rappel.platform.control.SqlDialect;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Backups of the running database: admins only, audited, one transaction each. */
@Stateless
public class Backups {

  @Resource(lookup = DataSourceSetup.JNDI_NAME)
  DataSource dataSource;

  @Inject SqlDialect dialect;

  @Inject Audit audit;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "rappel.backup.dir")
  String backupDir;

  /** A finished backup: its folder, the database copy inside it, when and how long it took. */
  public record Backup(Path folder, Path database, Instant takenAt, Duration took) {}

  /**
   * Copies the embedded database into a new timestamped folder under {@code rappel.backup.dir}
   * while the server keeps working (Derby's online backup waits only for unlogged operations).
   */
  public Backup create(Caller by) throws SQLException {
    by.requireAdmin();
    String vendor = dialect.vendor();
    if (!"derby".equals(vendor)) {
      throw new Conflict(
          "This server runs on "
              + vendor
              + ", which it does not back up itself: use the database's own tools (for"
              + " PostgreSQL, pg_dump; see the README, Backup and restore).");
    }
    Instant takenAt = clock.instant();
    BackupFolder folder = BackupFolder.at(Path.of(backupDir), takenAt);
    try {
      Files.createDirectories(folder.path().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // elapsed time from the monotonic clock: the injected Clock may stand still in tests
    long start = System.nanoTime();
    String databaseName;
    try (Connection connection = dataSource.getConnection()) {
      databaseName = databaseName(connection.getMetaData().getURL());
      try (CallableStatement backup =
          connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
        backup.setString(1, folder.path().toString());
        backup.execute();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Path database = folder.path().resolve(databaseName);
    audit.record(by.name(), "BACKUP_CREATED", folder.path().toString(), took.toMillis() + " ms");
    return new Backup(folder.path(), database, takenAt, took);
  }

  /**
   * The last segment of the database's path, the folder Derby creates inside the backup folder:
   * {@code jdbc:derby:/data/db} and {@code jdbc:derby:memory:rappel-it} give {@code db} and {@code
   * rappel-it}.
   */
  static String databaseName(String url) {
    String name = url.replaceFirst("^jdbc:derby:", "");
    int attributes = name.indexOf(';');
    if (attributes >= 0) {
      name = name.substring(0, attributes);
    }
    name = name.replaceFirst("^[a-z]+:", "").replace('\\', '/');
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
