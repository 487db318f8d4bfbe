package dev.rappel.platform.control;

import dev.rappel.DataSourceSetup;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which database this is, and the few pieces of SQL that differ between Derby and PostgreSQL. The
 * one place that asks: migrations pick their vendor folder here, hand-written SQL its row locking.
 */
@ApplicationScoped
public class SqlDialect {

  @Resource(lookup = DataSourceSetup.JNDI_NAME)
  DataSource dataSource;

  private volatile String vendor;

  /** {@code derby}, {@code postgresql}, or the product name in lower case for anything else. */
  public String vendor() throws SQLException {
    if (vendor == null) {
      try (Connection connection = dataSource.getConnection()) {
        vendor = vendorOf(connection.getMetaData().getDatabaseProductName());
      }
    }
    return vendor;
  }

  /** The vendor if it is known by now, without asking a database that may be down. */
  public Optional<String> knownVendor() {
    return Optional.ofNullable(vendor);
  }

  /**
   * What a claiming SELECT appends so that concurrent claimers skip each other's rows instead of
   * waiting: {@code FOR UPDATE SKIP LOCKED} where the database has it (Derby does not).
   */
  public String skipLocked() {
    return claimsSkipLocked() ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /** Whether concurrent claimers skip each other's rows ({@link #skipLocked}) on this database. */
  public boolean claimsSkipLocked() {
    return "postgresql".equals(vendor);
  }

  /**
   * Whether a batch of writes goes best as one statement over arrays ({@code unnest}, PostgreSQL)
   * rather than a JDBC batch of single-row statements, which Derby runs in-process anyway.
   */
  public boolean writesOverArrays() throws SQLException {
    return "postgresql".equals(vendor());
  }

  /**
   * What follows a table reference in hand-written SQL to make the database read it through {@code
   * index}: Derby's optimizer override where its estimate goes wrong, nothing on PostgreSQL, whose
   * planner has row statistics. (With bound parameters Derby prefers an {@code IN} list on the
   * leading column of another index even when that reads every pending callback.)
   */
  public String throughIndex(String index) {
    return "derby".equals(vendor)
        ? " --DERBY-PROPERTIES index=" + index.toUpperCase(Locale.ROOT) + "\n"
        : " ";
  }

  /**
   * Whether history ids follow the order in which steps were recorded, so that a reconnecting event
   * stream can replay by id alone. On embedded Derby one JVM writes the database and takes every
   * history id from EclipseLink's one pool for the sequence, in order (the bulk delivery draws from
   * it too); on PostgreSQL several instances take blocks side by side, so there the replay goes by
   * time and needs an index on it. (The vendor is known once the schema is migrated, before the
   * server reports itself ready.)
   */
  public boolean historyIdsFollowRecording() {
    return "derby".equals(vendor);
  }

  /** The query that reads the next value of a sequence (Derby has no {@code nextval}). */
  public String nextValue(String sequence) {
    return "postgresql".equals(vendor)
        ? "SELECT nextval('" + sequence + "')"
        : "VALUES NEXT VALUE FOR " + sequence;
  }

  static String vendorOf(String productName) {
    String product = productName.toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return "postgresql";
    }
    if (product.contains("derby")) {
      return "derby";
    }
    return product.replaceAll("[^a-z0-9]", "");
  }
}
