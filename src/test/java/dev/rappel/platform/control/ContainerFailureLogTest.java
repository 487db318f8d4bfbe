package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.CapturedLog;
import dev.rappel.testing.MutableClock;
import jakarta.ejb.EJBException;
import jakarta.transaction.SystemException;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerFailureLogTest {
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");
  private final Logger container = Logger.getAnonymousLogger();
  private final CapturedLog containerLog = CapturedLog.of(container);
  private final CapturedLog quietLog =
      CapturedLog.of(Logger.getLogger(ContainerFailureLog.class.getName()));
  private final List<LogRecord> containerLines = containerLog.records();
  private final List<LogRecord> quietLines = quietLog.records();

  @AfterEach
  void detach() {
    quietLog.detach();
  }

  /** What the container logs when a bean call ends in a system exception: two records. */
  private void containerLogsFailedCall(Throwable failure) throws NoSuchMethodException {
    container.log(
        Level.WARNING,
        ContainerFailureLog.SYSTEM_EXCEPTION,
        new Object[] {"Callbacks", String.class.getMethod("strip")});
    container.log(Level.WARNING, "", failure);
  }

  private static EJBException commitCutOff() {
    SystemException commit = new SystemException();
    commit.initCause(
        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
    return new EJBException("Unable to complete container-managed transaction.", commit);
  }

  @Test
  void a_commit_the_stopping_database_cut_off_is_one_line_without_a_trace() throws Exception {
    container.setFilter(new ContainerFailureLog(container, clock));

    containerLogsFailedCall(commitCutOff());

    assertThat(containerLines).isEmpty();
    assertThat(quietLines).hasSize(1);
    assertThat(quietLines.get(0).getMessage())
        .startsWith("A call of Callbacks.strip failed because the database stopped answering")
        .contains("SQLException: FATAL: terminating connection due to administrator command");
    assertThat(quietLines.get(0).getThrown()).isNull();
  }

  @Test
  void cut_commits_of_one_outage_are_one_line_a_minute() throws Exception {
    container.setFilter(new ContainerFailureLog(container, clock));

    containerLogsFailedCall(commitCutOff());
    containerLogsFailedCall(commitCutOff());
    containerLogsFailedCall(commitCutOff());

    assertThat(quietLines).hasSize(1);
    assertThat(containerLines).isEmpty();
  }

  @Test
  void any_other_system_exception_is_one_record_with_the_containers_message_and_its_trace()
      throws Exception {
    container.setFilter(new ContainerFailureLog(container, clock));
    IllegalStateException bug = new IllegalStateException("a bug");

    containerLogsFailedCall(new EJBException(bug));

    assertThat(quietLines).isEmpty();
    assertThat(containerLines).hasSize(1);
    LogRecord line = containerLines.get(0);
    assertThat(line.getMessage()).isEqualTo(ContainerFailureLog.SYSTEM_EXCEPTION);
    assertThat(line.getParameters()).containsExactly("Callbacks", String.class.getMethod("strip"));
    assertThat(line.getThrown()).hasRootCause(bug);
  }

  @Test
  void the_containers_other_records_pass_as_they_were() {
    container.setFilter(new ContainerFailureLog(container, clock));

    container.info("Portable JNDI names for EJB Callbacks");
    container.log(Level.WARNING, "no message before it", new IllegalStateException());

    assertThat(containerLines)
        .extracting(LogRecord::getMessage)
        .containsExactly("Portable JNDI names for EJB Callbacks", "no message before it");
  }

  @Test
  void a_message_not_followed_by_its_failure_is_still_logged() throws Exception {
    container.setFilter(new ContainerFailureLog(container, clock));

    container.log(
        Level.WARNING,
        ContainerFailureLog.SYSTEM_EXCEPTION,
        new Object[] {"Callbacks", String.class.getMethod("strip")});
    container.info("something else");

    assertThat(containerLines)
        .extracting(LogRecord::getMessage)
        .containsExactly(ContainerFailureLog.SYSTEM_EXCEPTION, "something else");
  }

  @Test
  void a_filter_the_logger_had_still_decides_first_and_is_given_back() {
    Filter operators = entry -> !entry.getMessage().contains("hidden");
    container.setFilter(operators);
    ContainerFailureLog filter = new ContainerFailureLog(container, clock);
    container.setFilter(filter);

    container.info("hidden by the operator");
    container.info("shown");
    filter.uninstall();

    assertThat(containerLines).extracting(LogRecord::getMessage).containsExactly("shown");
    assertThat(container.getFilter()).isSameAs(operators);
  }
}
