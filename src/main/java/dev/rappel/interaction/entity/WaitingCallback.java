package dev.rappel.interaction.entity;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A callback that was waiting for the customer of a new interaction on its queue, and what was done
 * about it ({@code CANCELED}, or {@code NOTIFIED}: the agent decides). The interaction feature only
 * carries it to the answer; the callback feature, which knows callbacks, fills it in.
 */
public record WaitingCallback(
    long callbackId,
    Instant scheduledAt,
    String timeZone,
    OffsetDateTime customerLocalTime,
    String action) {
  public static final String CANCELED = "CANCELED";
  public static final String NOTIFIED = "NOTIFIED";
}
