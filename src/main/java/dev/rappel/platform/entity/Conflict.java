package dev.rappel.platform.entity;

import jakarta.ejb.ApplicationException;

/**
 * The request conflicts with the current state (a second callback for an interaction, a change to a
 * finished callback): answered with 409.
 */
@ApplicationException(rollback = true)
public class Conflict extends RuntimeException {
  public Conflict(String message) {
    super(message);
  }
}
