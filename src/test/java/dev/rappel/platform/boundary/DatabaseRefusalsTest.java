package dev.rappel.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.DatabaseBusy;
import dev.rappel.platform.entity.DatabaseUnavailable;
import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseRefusalsTest {

  @Test
  void a_database_that_does_not_answer_is_answered_as_unavailable_keeping_its_error() {
    SQLException refused = new SQLException("Connection refused", "08001");
    RuntimeException answer =
        DatabaseRefusals.refusal(new PersistenceException("could not open", refused));

    assertThat(answer).isInstanceOf(DatabaseUnavailable.class).hasRootCause(refused);
    assertThat(answer.getMessage()).contains("does not answer");
  }

  @Test
  void a_pool_that_cannot_open_a_connection_is_answered_as_unavailable() {
    RuntimeException answer =
        DatabaseRefusals.refusal(
            new EJBException(
                new PersistenceException(
                    new SQLException(
                        "Error in allocating a connection. Cause: Connection could not be"
                            + " allocated"))));

    assertThat(answer).isInstanceOf(DatabaseUnavailable.class);
  }

  @Test
  void a_lock_wait_or_deadlock_is_answered_as_busy() {
    SQLException timeout = new SQLException("A lock could not be obtained", "40XL1");

    assertThat(DatabaseRefusals.refusal(new PersistenceException(timeout)))
        .isInstanceOf(DatabaseBusy.class)
        .hasRootCause(timeout);
  }

  @Test
  void a_lost_version_race_is_answered_as_a_concurrent_change() {
    assertThat(DatabaseRefusals.refusal(new EJBException(new OptimisticLockException("stale"))))
        .isInstanceOf(ConcurrentChange.class);
  }

  @Test
  void an_application_exception_is_answered_as_it_was_whatever_its_cause() {
    Conflict conflict = new Conflict("Queue Sales exists already.");
    conflict.initCause(new SQLException("Connection refused", "08001"));

    assertThat(DatabaseRefusals.refusal(conflict)).isSameAs(conflict);
  }

  @Test
  void any_other_failure_is_left_as_it_was_for_the_container_to_log() {
    IllegalStateException bug = new IllegalStateException("a bug");
    PersistenceException syntax =
        new PersistenceException(new SQLException("Syntax error: Encountered", "42X01"));

    assertThat(DatabaseRefusals.refusal(bug)).isSameAs(bug);
    assertThat(DatabaseRefusals.refusal(syntax)).isSameAs(syntax);
  }
}
