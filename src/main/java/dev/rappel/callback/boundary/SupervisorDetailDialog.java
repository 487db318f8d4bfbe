package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor reads one callback in full: its state, times, queue and owner, every dial attempt
 * and its whole history.
 */
@Named("supervisorDetail")
@ViewScoped
public class SupervisorDetailDialog implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.LISTED;
  private static final DateTimeFormatter SHOWN_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Inject Callbacks callbacks;

  @Inject Caller caller;

  @Inject Clock clock;

  private Detail callback;

  /** One callback with its attempts and full history. */
  public record Detail(
      long id,
      String title,
      List<String[]> facts,
      List<AttemptLine> attempts,
      List<HistoryLine> history)
      implements Serializable {}

  public record AttemptLine(int number, String agent, String started, String outcome)
      implements Serializable {}

  public record HistoryLine(String at, String event, String state, String actor, String detail)
      implements Serializable {}

  /** How the detail and the dialogs name a callback: its id and its customer, or its number. */
  static String title(Callback c) {
    return "Callback " + c.id() + " · " + c.customerName().orElse(c.shownNumber());
  }

  /** Reads one callback with its attempts and history, when the supervisor opens it. */
  public void show(long id) {
    try {
      Callback c = callbacks.find(id, caller);
      ZoneId zone = clock.getZone();
      callback =
          new Detail(
              c.id(),
              title(c),
              facts(c, zone),
              c.attempts().stream()
                  .map(
                      a ->
                          new AttemptLine(
                              a.number(),
                              a.agent() == null ? "" : a.agent().name(),
                              a.startedAt().atZone(zone).format(SHOWN_SECONDS),
                              a.outcome()
                                  .map(Enum::name)
                                  .orElse(a.endedAt().isPresent() ? "abandoned" : "in progress")))
                  .toList(),
              c.history().stream()
                  .map(
                      h ->
                          new HistoryLine(
                              h.at().atZone(zone).format(SHOWN_SECONDS),
                              h.event(),
                              h.stateAfter(),
                              h.actor(),
                              h.detail() == null ? "" : h.detail()))
                  .toList());
    } catch (NotFound | Forbidden e) {
      callback = null;
      error(null, e.getMessage());
    }
  }

  private static List<String[]> facts(Callback c, ZoneId zone) {
    var time = c.time();
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"State", c.state().name()});
    facts.add(new String[] {"Number", c.shownNumber()});
    facts.add(new String[] {"Customer's time", time.describe()});
    facts.add(
        new String[] {"Your time", time.localTimeIn(zone).format(SHOWN) + " " + zone.getId()});
    facts.add(new String[] {"Queue", c.queue().name()});
    facts.add(
        new String[] {
          "Owner",
          c.ownership()
              .map(
                  o ->
                      o.owner().name()
                          + " until "
                          + o.expiresAt().atZone(zone).format(SHOWN)
                          + " "
                          + zone.getId())
              .orElse("nobody")
        });
    c.preferredAgent().ifPresent(a -> facts.add(new String[] {"Preferred agent", a.name()}));
    c.assignedAgent().ifPresent(a -> facts.add(new String[] {"With agent", a.name()}));
    c.notes().ifPresent(n -> facts.add(new String[] {"Notes", n}));
    facts.add(new String[] {"Created by", c.createdBy()});
    return facts;
  }

  public Detail getCallback() {
    return callback;
  }

  public String getViewerZone() {
    return clock.getZone().getId();
  }
}
