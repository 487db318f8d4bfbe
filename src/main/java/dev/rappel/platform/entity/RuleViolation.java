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
  private final boolean unreadable;

  public RuleViolation(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public RuleViolation(List<FieldError> errors) {
    this(errors, false);
  }

  public RuleViolation(List<FieldError> errors, boolean unreadable) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
    this.unreadable = unreadable;
  }

  /**
   * A value of the wrong type or outside its enumeration: the request cannot be read as meant, so
   * it is answered with 400, still naming the field.
   */
  public static RuleViolation unreadable(String field, String message) {
    return new RuleViolation(List.of(new FieldError(field, message)), true);
  }

  /** 400 rather than 422: some value could not be read at all. */
  public boolean unreadable() {
    return unreadable;
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
