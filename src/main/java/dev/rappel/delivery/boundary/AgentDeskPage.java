package dev.rappel.delivery.boundary;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.boundary.Callbacks;
import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.boundary.PageMessages;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.security.entity.Caller;
import dev.rappel.security.entity.Forbidden;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent's desk: its routing status, the callback offered to it or in its hands (accept,
 * decline, wrap up) and the callbacks still to come that it scheduled, owns or is preferred for.
 * The page reloads its lists when the server pushes a change of one of this agent's callbacks
 * ({@link AgentDeskPush}).
 */
@Named("desk")
@ViewScoped
public class AgentDeskPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.SPOKEN;
  private static final int MINE_SHOWN = 50;
  private static final int RECENT_HOURS = 12;
  private static final int RECENT_SHOWN = 10;

  @Inject Deliveries deliveries;

  @Inject Callbacks callbacks;

  @Inject Agents agents;

  @Inject Caller caller;

  @Inject Clock clock;

  // what this request has read: the page asks for each list several times while it renders
  private transient Map<String, Object> read = new HashMap<>();
  private transient FacesContext readFor;

  /** One callback as the agent sees it: the customer's number and local time first. */
  public record Row(
      long id,
      String customer,
      String number,
      String customerTime,
      String agentTime,
      String queue,
      String state,
      String owned,
      boolean offered,
      boolean connected)
      implements Serializable {}

  /** The agent this user is; empty for a user (an admin) not linked to an agent. */
  public Optional<Long> agentId() {
    return caller.agentId();
  }

  public Long getAgentId() {
    return caller.agentId().orElse(null);
  }

  /** Reads once per request (again after an action changed things). */
  @SuppressWarnings("unchecked")
  private <T> T once(String what, Supplier<T> reading) {
    FacesContext request = FacesContext.getCurrentInstance();
    if (read == null || readFor != request) {
      read = new HashMap<>();
      readFor = request;
    }
    // not computeIfAbsent: a reading may itself read the agent through this map
    if (!read.containsKey(what)) {
      T value = reading.get();
      read.put(what, value);
      return value;
    }
    return (T) read.get(what);
  }

  /** The agent as of this request. */
  public Agent getAgent() {
    return once("agent", () -> agents.find(caller.agentId().orElseThrow(), caller));
  }

  public List<Row> getHeld() {
    return once(
        "held",
        () ->
            agentId()
                .map(id -> deliveries.offersOf(id, caller).stream().map(this::row).toList())
                .orElse(List.of()));
  }

  /** Its callbacks still to come: scheduled, queued or waiting for a retry, soonest first. */
  public List<Row> getMine() {
    return upcoming().items().stream().map(this::row).toList();
  }

  /** How many are to come in all, when there are more than the page shows; otherwise 0. */
  public long getMoreToCome() {
    CallbackSearch.Page page = upcoming();
    return page.total() > page.items().size() ? page.total() : 0;
  }

  private CallbackSearch.Page upcoming() {
    return once(
        "upcoming",
        () -> {
          if (agentId().isEmpty()) {
            return new CallbackSearch.Page(List.of(), 0);
          }
          CallbackFilter waiting =
              new CallbackFilter(
                  CallbackState.WAITING,
                  Optional.empty(),
                  agentId(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty());
          return callbacks.list(waiting, 0, MINE_SHOWN, caller);
        });
  }

  /** A call the agent made lately: where it schedules the follow-up the customer asked for. */
  public record RecentCall(
      long id,
      String customer,
      String number,
      String ended,
      String outcome,
      String state,
      boolean followUpScheduled)
      implements Serializable {}

  public List<RecentCall> getRecent() {
    return once("recent", this::recentCalls);
  }

  private List<RecentCall> recentCalls() {
    if (agentId().isEmpty()) {
      return List.of();
    }
    ZoneId zone = getAgentZone();
    return callbacks.recentCallsOf(caller, RECENT_HOURS, RECENT_SHOWN).stream()
        .map(
            call -> {
              Callback c = call.callback();
              var attempt = c.currentAttempt();
              return new RecentCall(
                  c.id(),
                  c.customerName().orElse(""),
                  c.phoneNumber().e164(),
                  attempt.startedAt().atZone(zone).format(SHOWN),
                  attempt.outcome().map(Enum::name).orElse("on the line"),
                  c.state().name(),
                  call.followUpScheduled());
            })
        .toList();
  }

  /** Opens the schedule page on the follow-up interaction of that call. */
  public String followUp(long callbackId) {
    try {
      long interaction = callbacks.followUpInteraction(callbackId, caller);
      return "/agent/schedule?faces-redirect=true&interaction=" + interaction;
    } catch (Conflict | NotFound | Forbidden e) {
      PageMessages.warn(e.getMessage());
      return null;
    }
  }

  private Row row(Callback c) {
    ZoneId agentZone = getAgentZone();
    var time = c.time();
    return new Row(
        c.id(),
        c.customerName().orElse(""),
        c.phoneNumber().e164(),
        time.customerLocalTime().format(SHOWN) + " (" + time.zone().getId() + ")",
        time.localTimeIn(agentZone).format(SHOWN),
        c.queue().name(),
        c.state().name(),
        c.ownership()
            .filter(o -> caller.isAgent(o.owner().id()))
            .map(o -> "until " + o.expiresAt().atZone(agentZone).format(SHOWN))
            .orElse(""),
        c.state() == CallbackState.OFFERED,
        c.state() == CallbackState.CONNECTED);
  }

  private ZoneId getAgentZone() {
    return getAgent().timeZone().orElse(clock.getZone());
  }

  public boolean isAvailable() {
    return getAgent().status() == RoutingStatus.AVAILABLE;
  }

  public void goAvailable() {
    act(
        () -> agents.changeStatus(getAgentId(), RoutingStatus.AVAILABLE, caller),
        "You are available.");
  }

  public void goOffQueue() {
    act(
        () -> agents.changeStatus(getAgentId(), RoutingStatus.OFF_QUEUE, caller),
        "You are off queue.");
  }

  public void accept(long callbackId) {
    act(() -> deliveries.accept(callbackId, null, caller), "Accepted: dialling the customer.");
  }

  public void decline(long callbackId) {
    act(() -> deliveries.decline(callbackId, null, caller), "Declined: it goes to the next agent.");
  }

  public void complete(long callbackId) {
    act(() -> deliveries.complete(callbackId, null, caller), "Callback completed.");
  }

  /** Runs one use case; a refusal (the offer moved on meanwhile, say) becomes a message. */
  private void act(Supplier<?> useCase, String done) {
    read = null;
    try {
      useCase.get();
      PageMessages.info(done);
    } catch (Conflict | NotFound | Forbidden e) {
      PageMessages.warn(e.getMessage());
    } catch (RuleViolation e) {
      PageMessages.warn(e.errors().get(0).message());
    }
  }
}
