package dev.rappel.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The database the integration tests run on: embedded Derby (the default) or PostgreSQL when
 * Failsafe's PostgreSQL run sets {@code rappel.it.database=postgresql}. Derby gives each server a
 * fresh database (in memory, or a fresh data folder); on PostgreSQL the tests share one database,
 * so each test class and each restart scenario starts from an empty schema.
 */
public final class TestDatabase {
  static final String PROPERTY = "rappel.it.database";

  private static final String SERVER = System.getProperty("rappel.it.pg.server", "localhost:5432");
  private static final String NAME = System.getProperty("rappel.it.pg.database", "rappel_it");
  private static final String USER = System.getProperty("rappel.it.pg.user", "rappel");
  private static final String PASSWORD = System.getProperty("rappel.it.pg.password", "rappel");

  private TestDatabase() {}

  public static boolean isPostgresql() {
    return "postgresql".equals(System.getProperty(PROPERTY, "derby"));
  }

  /** The PostgreSQL server's port. */
  public static String port() {
    return SERVER.contains(":") ? SERVER.substring(SERVER.lastIndexOf(':') + 1) : "5432";
  }

  /** What the run is called in messages and counts: {@code derby} or {@code postgresql}. */
  public static String name() {
    return isPostgresql() ? "postgresql" : "derby";
  }

  /**
   * JVM options for a server of its own ({@link PayaraProcess}) whose files live in {@code dir}, on
   * an empty database: a fresh Derby folder, or the PostgreSQL schema emptied now. Use the same
   * options for every restart of that server.
   */
  public static List<String> freshServerOptions(Path dir) {
    String dataDir = "-Drappel.data.dir=" + dir.resolve("data");
    if (!isPostgresql()) {
      return List.of(dataDir);
    }
    empty();
    return List.of(
        dataDir,
        "-Drappel.datasource.class=org.postgresql.ds.PGSimpleDataSource",
        "-Drappel.datasource.server=" + SERVER,
        "-Drappel.datasource.database=" + NAME,
        "-Drappel.datasource.user=" + USER,
        "-Drappel.datasource.password=" + PASSWORD);
  }

  /**
   * A connection to the database of a stopped server whose data folder is {@code dataDir}: its
   * Derby database, or the shared PostgreSQL one. The server connects as user rappel, whose schema
   * holds the tables. {@link #release} it after closing.
   */
  public static Connection open(Path dataDir) throws SQLException {
    if (isPostgresql()) {
      return connect();
    }
    return DriverManager.getConnection("jdbc:derby:" + dataDir.resolve("db"), "rappel", "rappel");
  }

  /** Shuts an embedded database opened by {@link #open} down, so that a server can open it. */
  public static void release(Path dataDir) {
    if (isPostgresql()) {
      return;
    }
    try {
      DriverManager.getConnection("jdbc:derby:" + dataDir.resolve("db") + ";shutdown=true");
    } catch (SQLException expected) {
      // Derby reports a clean shutdown as an exception
    }
  }

  /** Why PostgreSQL cannot be used, or empty when it answers. */
  static Optional<String> unreachable() {
    try (Connection ignored = connect()) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Drops every table, sequence and Flyway's history, so the next server migrates from scratch. */
  static void empty() {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
      statement.execute("CREATE SCHEMA public AUTHORIZATION " + USER);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot empty the PostgreSQL test database " + where() + ": " + e.getMessage(), e);
    }
  }

  static String where() {
    return NAME + " on " + SERVER + " as " + USER;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + NAME, USER, PASSWORD);
  }
}
