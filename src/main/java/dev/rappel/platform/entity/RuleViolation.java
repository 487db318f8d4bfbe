package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A readable request that breaks a rule of the product: answered with 422 and the fields at fault.
 * An {@link ApplicationException} so that it leaves an EJB unwrapped and rolls the transaction
 * back.
 */
@ApplicationException(rollback = true)
public class RuleViolation extends RuntimeException {
  private final List<FieldError> errors;

  public RuleViolation(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public RuleViolation(List<FieldError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).field() + ": " + errors.get(0).message();
    }
    return errors.size() + " fields are invalid";
  }
}
