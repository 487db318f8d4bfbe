package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.CapturedLog;
import dev.rappel.testing.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");
  private final Logger logger = Logger.getAnonymousLogger();
  private final List<LogRecord> lines = CapturedLog.of(logger).records();
  private final ThrottledLog log = new ThrottledLog(logger, Duration.ofMinutes(1), clock);

  @Test
  void the_first_failure_of_a_kind_is_logged_at_warning_with_its_cause() {
    SQLException cause = new SQLException("connection refused", "08001");

    assertThat(log.warn("db", "Engine pass failed", cause)).isTrue();

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(lines.get(0).getMessage()).isEqualTo("Engine pass failed");
    assertThat(lines.get(0).getThrown()).isSameAs(cause);
  }

  @Test
  void repeats_within_the_interval_are_held_back_and_counted_on_the_next_line() {
    log.warn("db", "failed", null);
    for (int i = 0; i < 59; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(log.warn("db", "failed", null)).isFalse();
    }
    assertThat(lines).hasSize(1);

    clock.advance(Duration.ofSeconds(1)); // a minute after the first line
    assertThat(log.warn("db", "failed", null)).isTrue();

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).getMessage())
        .startsWith("failed (59 more like it since 2026-06-10T08:00:00Z were not logged");
  }

  @Test
  void after_a_line_the_count_starts_again() {
    log.warn("db", "failed", null);
    clock.advance(Duration.ofSeconds(10));
    log.warn("db", "failed", null);
    clock.advance(Duration.ofMinutes(1));
    log.warn("db", "failed", null);
    clock.advance(Duration.ofMinutes(1));
    log.warn("db", "failed", null);

    assertThat(lines).hasSize(3);
    assertThat(lines.get(1).getMessage()).contains("(1 more like it");
    assertThat(lines.get(2).getMessage()).isEqualTo("failed");
  }

  @Test
  void each_kind_of_failure_has_its_own_allowance() {
    log.warn("db", "database failed", null);
    clock.advance(Duration.ofSeconds(1));
    log.warn("bug", "something else failed", null);
    log.warn("db", "database failed", null);

    assertThat(lines)
        .extracting(LogRecord::getMessage)
        .containsExactly("database failed", "something else failed");
  }

  @Test
  void failures_are_told_by_their_innermost_cause_and_throttled_per_type_of_it() {
    RuntimeException down =
        new IllegalStateException(
            "pass", new RuntimeException("wrapped", new SQLException("connection refused")));
    RuntimeException downAgain =
        new IllegalStateException("another pass", new SQLException("connection refused"));
    RuntimeException bug = new IllegalStateException("unexpected");

    assertThat(log.warnFailure("Dial pass interrupted", down)).isTrue();
    assertThat(log.warnFailure("Dial pass interrupted", downAgain)).isFalse();
    assertThat(log.warnFailure("Dial pass interrupted", bug)).as("another kind").isTrue();

    assertThat(lines)
        .extracting(LogRecord::getMessage)
        .containsExactly(
            "Dial pass interrupted (SQLException: connection refused)",
            "Dial pass interrupted (IllegalStateException: unexpected)");
    assertThat(lines.get(0).getThrown()).isSameAs(down);
  }

  @Test
  void a_database_that_is_down_or_busy_is_named_by_its_cause_without_a_stack_trace() {
    RuntimeException down =
        new IllegalStateException(
            "pass", new SQLException("Connection to localhost:5432 refused", "08001"));
    RuntimeException busy =
        new IllegalStateException("pass", new SQLException("lock timeout", "40XL1"));

    log.warnFailure("Engine pass failed", down);
    clock.advance(Duration.ofMinutes(1));
    log.warnFailure("Engine pass failed", busy);

    assertThat(lines)
        .extracting(LogRecord::getMessage)
        .containsExactly(
            "Engine pass failed (SQLException: Connection to localhost:5432 refused)",
            "Engine pass failed (SQLException: lock timeout)");
    assertThat(lines).extracting(LogRecord::getThrown).containsOnlyNulls();
  }
}
