package dev.rappel.events.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Keeps idle SSE connections open through proxies and finds clients that left. */
@Singleton
public class EventHeartbeat {
  static final int SECONDS = 15;

  @Inject EventStream stream;

  @Schedule(second = "*/" + SECONDS, minute = "*", hour = "*", persistent = false)
  void beat() {
    stream.heartbeat();
  }
}
