package dev.rappel.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.platform.entity.DatabaseBusy;
import dev.rappel.platform.entity.DatabaseUnavailable;
import jakarta.el.ELException;
import jakarta.faces.FacesException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RefusedPageActionsTest {

  @Test
  void an_action_refused_by_a_database_that_does_not_answer_is_told_as_nothing_saved() {
    Throwable failure =
        new FacesException(
            new ELException(
                new DatabaseUnavailable(new SQLException("Connection refused", "08001"))));

    assertThat(RefusedPageActions.messageFor(failure))
        .hasValueSatisfying(message -> assertThat(message).contains("does not answer", "nothing"));
  }

  @Test
  void an_action_refused_by_a_busy_database_is_told_as_try_again() {
    Throwable failure =
        new FacesException(new DatabaseBusy(new SQLException("lock timeout", "40XL1")));

    assertThat(RefusedPageActions.messageFor(failure))
        .hasValueSatisfying(message -> assertThat(message).contains("busy", "Try again"));
  }

  @Test
  void any_other_failure_is_left_to_the_error_page() {
    assertThat(RefusedPageActions.messageFor(new FacesException(new IllegalStateException("bug"))))
        .isEmpty();
    assertThat(
            RefusedPageActions.messageFor(
                new FacesException(new SQLException("Connection refused", "08001"))))
        .as("only what the beans answered as a refusal")
        .isEmpty();
  }
}
