package dev.rappel.events.entity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a published step, {@code cb-<callbackId>-<sequence>}, as an SSE client sends it back in
 * {@code Last-Event-ID} when it reconnects.
 */
public record EventId(long callbackId, int sequence) {
  private static final Pattern FORM = Pattern.compile("cb-(\\d{1,18})-(\\d{1,9})");

  /** Anything else is no id: a stale or foreign value must not fail a reconnect. */
  public static Optional<EventId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new EventId(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))));
  }

  @Override
  public String toString() {
    return "cb-" + callbackId + "-" + sequence;
  }
}
