package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  @Test
  void a_refused_connection_deep_in_the_causes_is_an_unavailable_database() {
    var failure =
        new IllegalStateException(
            "pass failed",
            new SQLException(
                "Error in allocating a connection",
                new RuntimeException(new ConnectException("Connection refused"))));

    assertThat(DatabaseFailures.isUnavailable(failure)).isTrue();
    assertThat(DatabaseFailures.isBusy(failure)).isFalse();
    assertThat(DatabaseFailures.rootMessage(failure))
        .isEqualTo("ConnectException: Connection refused");
  }

  @Test
  void connection_states_and_a_shutting_down_postgresql_are_unavailable() {
    assertThat(DatabaseFailures.isUnavailable(new SQLException("closed", "08003"))).isTrue();
    assertThat(DatabaseFailures.isUnavailable(new SQLException("admin shutdown", "57P01")))
        .isTrue();
  }

  @Test
  void a_deadlock_is_busy_and_a_constraint_violation_is_neither() {
    assertThat(DatabaseFailures.isBusy(new SQLException("deadlock", "40P01"))).isTrue();
    SQLException duplicate = new SQLException("duplicate key", "23505");
    assertThat(DatabaseFailures.isBusy(duplicate)).isFalse();
    assertThat(DatabaseFailures.isUnavailable(duplicate)).isFalse();
  }

  @Test
  void a_commit_the_database_never_confirmed_is_an_unavailable_database() {
    var failure = new RuntimeException(new jakarta.transaction.SystemException());

    assertThat(DatabaseFailures.isUnavailable(failure)).isTrue();
  }
}
