package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;

/** The request names something that does not exist: answered with 404. */
@ApplicationException(rollback = true)
public class NotFound extends RuntimeException {
  public NotFound(String what, Object id) {
    super("No " + what + " with id " + id + ".");
  }
}
