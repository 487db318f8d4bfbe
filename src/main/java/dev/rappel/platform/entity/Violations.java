package dev.rappel.platform.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of one request so that a person sees every mistake at once, not one per
 * attempt.
 */
public final class Violations {
  private final List<FieldError> errors = new ArrayList<>();
  private boolean unreadable;

  public Violations add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  /** Runs a parse or check and records its violation instead of stopping at the first one. */
  public <T> T check(java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (RuleViolation violation) {
      errors.addAll(violation.errors());
      unreadable |= violation.unreadable();
      return null;
    }
  }

  /** Like {@link #check} for optional values: empty when the step failed. */
  public <T> java.util.Optional<T> checkOptional(
      java.util.function.Supplier<java.util.Optional<T>> step) {
    java.util.Optional<T> value = check(step);
    return value == null ? java.util.Optional.empty() : value;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new RuleViolation(errors, unreadable);
    }
  }
}
