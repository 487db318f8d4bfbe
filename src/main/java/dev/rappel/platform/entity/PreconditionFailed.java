package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * The client's precondition does not hold: it changes a version of something that is no longer the
 * current one ({@code If-Match}). Answered with 412, nothing changed.
 */
@ApplicationException(rollback = true)
public class PreconditionFailed extends RuntimeException {
  public PreconditionFailed(String message) {
    super(message);
  }
}
