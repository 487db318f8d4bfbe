package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;

/** The caller is known but may not do this: answered with 403. */
@ApplicationException(rollback = true)
public class Forbidden extends RuntimeException {
  public Forbidden(String message) {
    super(message);
  }
}
