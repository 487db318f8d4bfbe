package dev.rappel.platform.boundary;

import java.time.format.DateTimeFormatter;

/** How the consoles write date and time for people, the same on every page of a console. */
public final class PageTimes {

  /** The agent's pages: with the weekday, as said to a customer ("Tue 1 Dec 2026 14:00"). */
  public static final DateTimeFormatter SPOKEN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

  /** Supervisor and admin tables: sorts as it reads ("2026-12-01 14:00"). */
  public static final DateTimeFormatter LISTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private PageTimes() {}
}
