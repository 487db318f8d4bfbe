package dev.rappel.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConcurrentChangeTest {

  @Test
  void a_lost_version_race_is_recognised_however_the_container_wrapped_it() {
    var lost = new OptimisticLockException("version changed");
    RollbackException rolledBack = new RollbackException("commit failed");
    rolledBack.initCause(new PersistenceException(lost));

    assertThat(ConcurrentChange.isCauseOf(lost)).isTrue();
    assertThat(ConcurrentChange.isCauseOf(new EJBException("Transaction aborted", rolledBack)))
        .isTrue();
    assertThat(
            ConcurrentChange.isCauseOf(
                new EJBTransactionRolledbackException("rolled back", new EJBException(lost))))
        .isTrue();
  }

  @Test
  void other_failures_are_not_taken_for_a_race() {
    assertThat(ConcurrentChange.isCauseOf(new EJBException("boom", new IllegalStateException())))
        .isFalse();
    assertThat(ConcurrentChange.isCauseOf(new PersistenceException(new SQLException("x", "40001"))))
        .isFalse();
  }

  @Test
  void a_page_is_told_of_the_race_and_any_other_failure_goes_on() {
    assertThat(
            ConcurrentChange.behind(new EJBException(new OptimisticLockException())).getMessage())
        .contains("changed by someone else meanwhile");
    var other = new EJBException(new IllegalStateException());
    assertThatThrownBy(() -> ConcurrentChange.behind(other)).isSameAs(other);
  }
}
