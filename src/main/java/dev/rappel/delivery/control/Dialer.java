package dev.rappel.delivery.control;

/**
 * The port to the telephony platform. A dialer places the call and the outcome comes back later
 * through {@code POST /callbacks/{id}/attempts/{n}/outcome} (or the same use case in-process).
 */
public interface Dialer {
  void dial(DialRequest request);
}
