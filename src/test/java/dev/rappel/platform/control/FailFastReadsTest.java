package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.Project;
import org.junit.jupiter.api.Test;

class FailFastReadsTest {

  @Test
  void a_read_that_finds_no_connection_is_not_retried() {
    DatabaseSession session = new Project(new DatabaseLogin()).createDatabaseSession();
    assertThat(session.getLogin().getQueryRetryAttemptCount())
        .as("EclipseLink's default, which held each request 10 s during an outage")
        .isPositive();

    new FailFastReads().customize(session);

    assertThat(session.getLogin().getQueryRetryAttemptCount()).isZero();
  }
}
