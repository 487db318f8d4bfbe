package dev.rappel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.RuleViolation;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs a step that must break a rule and hands back what it reported. */
public final class Violated {
  private Violated() {}

  public static RuleViolation by(ThrowingCallable step) {
    Throwable thrown = catchThrowable(step);
    assertThat(thrown).as("a RuleViolation").isInstanceOf(RuleViolation.class);
    return (RuleViolation) thrown;
  }

  /** The fields at fault, in the order they were reported. */
  public static List<String> fields(ThrowingCallable step) {
    return by(step).errors().stream().map(FieldError::field).toList();
  }

  /** The single error the step reported. */
  public static FieldError single(ThrowingCallable step) {
    List<FieldError> errors = by(step).errors();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }
}
