package dev.rappel.callback.boundary;

import dev.rappel.platform.entity.SuggestedTime;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * An allowed time offered on the agent's page instead of a refused one, as the form's date and time
 * fields read it (the refusal gives it in the zone the form's time is read in).
 */
public record ScheduleSuggestion(LocalDate date, String time, String label)
    implements Serializable {

  /**
   * The form takes whole minutes: a suggestion between two (a contact cap's window ends to the
   * second) moves to the next minute, which the rules allow as well, never to the one before.
   */
  public static ScheduleSuggestion of(SuggestedTime suggested, String zone) {
    LocalDateTime local = OffsetDateTime.parse(suggested.customerLocalTime()).toLocalDateTime();
    LocalDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
    if (minute.isBefore(local)) {
      minute = minute.plusMinutes(1);
    }
    String time = minute.toLocalTime().toString();
    return new ScheduleSuggestion(
        minute.toLocalDate(), time, minute.toLocalDate() + " " + time + " (" + zone + ")");
  }
}
