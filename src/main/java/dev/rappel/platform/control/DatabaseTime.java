package dev.rappel.platform.control;

import dev.rappel.DataSourceSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * "Now" as the database has it. Instances of a cluster may disagree about the time (a host whose
 * clock drifted or was set wrong); the database they share is the one clock they can agree on, so
 * the server's clock is its own corrected by the skew measured against the database. A host 90 s
 * ahead then neither delivers early nor lets ownerships lapse early. Embedded Derby runs in this
 * JVM, so there the skew is zero by construction.
 */
@ApplicationScoped
public class DatabaseTime {
  private static final Logger LOG = Logger.getLogger(DatabaseTime.class.getName());

  /** How often the skew is measured again. */
  static final Duration EVERY = Duration.ofSeconds(30);

  /** Changes below this are measurement noise (half a round trip), not drift. */
  static final Duration NOISE = Duration.ofMillis(20);

  /** Looked up when first needed, never when created: see {@link #dataSource()}. */
  private volatile DataSource dataSource;

  @Inject SqlDialect dialect;

  /**
   * This host's own clock, the one being corrected; replaceable so that tests control it. (Not the
   * injected application clock: that clock is built from this one.)
   */
  Clock host = Clock.systemUTC();

  private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);
  private volatile Instant measuredAt;

  /** The host's clock moved by the skew; millisecond ticks, as the database keeps instants. */
  public Clock clock(ZoneId zone) {
    return new SkewedClock(host, zone, skew);
  }

  /** The skew has been measured since start: this instance's "now" is the database's. */
  public boolean isSynchronized() {
    return measuredAt != null;
  }

  /** Measures the skew unless that was done less than {@link #EVERY} ago. */
  public void synchronizeIfDue() {
    Instant last = measuredAt;
    if (last == null || Duration.between(last, host.instant()).compareTo(EVERY) >= 0) {
      synchronize();
    }
  }

  /** Measures the skew now: the database's time minus the host's at the round trip's middle. */
  public void synchronize() {
    try {
      if (!"postgresql".equals(dialect.vendor())) {
        measuredAt = host.instant();
        return;
      }
      try (Connection connection = dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        Instant sent = host.instant();
        Instant database;
        try (ResultSet row = statement.executeQuery("SELECT clock_timestamp()")) {
          row.next();
          database = row.getObject(1, OffsetDateTime.class).toInstant();
        }
        Instant received = host.instant();
        Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
        record(Duration.between(middle, database));
      }
      measuredAt = host.instant();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the database's time: " + e.getMessage(), e);
    }
  }

  /**
   * Payara may create this bean on a thread of its own, where the application's resources cannot be
   * looked up: a readiness probe during start does, through the engine's health and the clock. An
   * injected resource would fail that creation and log a stack trace for every probe until the
   * engine started; measuring happens on the application's threads, where the lookup works.
   */
  private DataSource dataSource() {
    DataSource found = dataSource;
    if (found == null) {
      try {
        found = InitialContext.doLookup(DataSourceSetup.JNDI_NAME);
      } catch (NamingException e) {
        throw new IllegalStateException("No data source at " + DataSourceSetup.JNDI_NAME, e);
      }
      dataSource = found;
    }
    return found;
  }

  void record(Duration measured) {
    Duration before = skew.get();
    if (measured.minus(before).abs().compareTo(NOISE) > 0) {
      skew.set(measured);
      LOG.info(
          "This host's clock is "
              + measured.negated().toMillis()
              + " ms off the database's; the server keeps the database's time");
    }
  }

  Duration skew() {
    return skew.get();
  }

  /** How far this host's clock is ahead of the database's (negative: behind), as last measured. */
  public Duration hostAhead() {
    return skew.get().negated();
  }

  /** The host's clock plus the measured skew, in millisecond ticks. */
  static final class SkewedClock extends Clock {
    private final Clock host;
    private final ZoneId zone;
    private final AtomicReference<Duration> skew;

    SkewedClock(Clock host, ZoneId zone, AtomicReference<Duration> skew) {
      this.host = host;
      this.zone = zone;
      this.skew = skew;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new SkewedClock(host, other, skew);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(host.millis() + skew.get().toMillis());
    }
  }
}
