package dev.rappel.delivery.boundary;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.boundary.Callbacks;
import dev.rappel.callback.boundary.InboundContacts;
import dev.rappel.callback.boundary.Ownerships;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.boundary.PageMessages;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.ejb.EJBException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent's desk: its routing status, the callback offered to it or in its hands (accept,
 * decline, wrap up), the callbacks still to come that involve it and its recent calls. The page
 * reads them through one use case ({@link AgentDesk}) once per request, and again when the server
 * pushes a change of one of this agent's callbacks ({@link AgentDeskPush}).
 */
@Named("desk")
@ViewScoped
public class AgentDeskPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.SPOKEN;
  private static final DateTimeFormatter NOTICE_DATE =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", java.util.Locale.ENGLISH);
  private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("HH:mm");

  @Inject AgentDesk desk;

  @Inject Deliveries deliveries;

  @Inject Callbacks callbacks;

  @Inject Agents agents;

  @Inject InboundContacts inboundContacts;

  @Inject Ownerships ownerships;

  @Inject Caller caller;

  // what this request has read: the page asks for each part several times while it renders
  private transient AgentDesk.View read;
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
      boolean connected,
      boolean ownershipEnding)
      implements Serializable {
    static Row of(AgentDesk.DeskCallback c) {
      return new Row(
          c.id(),
          c.customer(),
          c.number(),
          c.customerTime().format(SHOWN) + " (" + c.customerTime().getZone().getId() + ")",
          c.agentTime().format(SHOWN),
          c.queue(),
          c.state().name(),
          c.ownedUntil().map(until -> "until " + until.format(SHOWN)).orElse(""),
          c.state() == CallbackState.OFFERED,
          c.state() == CallbackState.CONNECTED,
          c.ownershipEnding());
    }
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
      implements Serializable {
    static RecentCall of(AgentDesk.RecentCall call) {
      return new RecentCall(
          call.id(),
          call.customer(),
          call.number(),
          call.started().format(SHOWN),
          call.outcome().orElse("on the line"),
          call.state().name(),
          call.followUpScheduled());
    }
  }

  /** "This customer has a callback on {date} at {time}", in the customer's zone. */
  public record WaitingNotice(long interactionId, long callbackId, String number, String text)
      implements Serializable {
    static WaitingNotice of(AgentDesk.WaitingNotice n) {
      return new WaitingNotice(
          n.interactionId(),
          n.callbackId(),
          n.number(),
          "This customer ("
              + n.number()
              + ") has a callback on "
              + n.customerTime().format(NOTICE_DATE)
              + " at "
              + n.customerTime().format(NOTICE_TIME)
              + " ("
              + n.customerTime().getZone().getId()
              + ").");
    }
  }

  /** The agent this user is; empty for a user (an admin) not linked to an agent. */
  public Optional<Long> agentId() {
    return caller.agentId();
  }

  public Long getAgentId() {
    return caller.agentId().orElse(null);
  }

  /** The desk as of this request (read again after an action changed things). */
  private AgentDesk.View view() {
    FacesContext request = FacesContext.getCurrentInstance();
    if (read == null || readFor != request) {
      read = desk.read(caller);
      readFor = request;
    }
    return read;
  }

  /** The agent as of this request. */
  public AgentDesk.DeskAgent getAgent() {
    return view().agent().orElseThrow();
  }

  public List<Row> getHeld() {
    return view().held().stream().map(Row::of).toList();
  }

  /** Its callbacks still to come: scheduled, queued or waiting for a retry, soonest first. */
  public List<Row> getMine() {
    return view().upcoming().stream().map(Row::of).toList();
  }

  /** How many are to come in all, when there are more than the page shows; otherwise 0. */
  public long getMoreToCome() {
    AgentDesk.View view = view();
    return view.upcomingTotal() > view.upcoming().size() ? view.upcomingTotal() : 0;
  }

  /** Callbacks waiting for the customers the agent is talking to: cancel or keep each. */
  public List<WaitingNotice> getWaitingCallbacks() {
    return view().waitingCallbacks().stream().map(WaitingNotice::of).toList();
  }

  /** How many of its owned callbacks' ownership ends soon: the badge. */
  public long getOwnershipsEnding() {
    return view().upcoming().stream().filter(AgentDesk.DeskCallback::ownershipEnding).count();
  }

  public void cancelWaiting(long interactionId, long callbackId) {
    act(
        () -> inboundContacts.cancel(interactionId, callbackId, caller),
        "Callback canceled: the customer got through.");
  }

  public void keepWaiting(long interactionId, long callbackId) {
    act(() -> inboundContacts.keep(interactionId, callbackId, caller), "Callback kept.");
  }

  public void extendOwnership(long callbackId) {
    act(() -> ownerships.extend(callbackId, caller), "Ownership extended.");
  }

  public void releaseOwnership(long callbackId) {
    act(() -> ownerships.release(callbackId, caller), "Released to the queue.");
  }

  public List<RecentCall> getRecent() {
    return view().recent().stream().map(RecentCall::of).toList();
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

  /**
   * Why the agent is off queue when it did not choose it: the system set it so because an offer
   * went unanswered. Empty otherwise.
   */
  public String getNotRespondingNotice() {
    return getAgent()
        .statusReason()
        .filter(Agent.NOT_RESPONDING::equals)
        .map(
            reason ->
                "You were set off queue because you did not answer an offer in time ("
                    + reason
                    + "). Go available when you are back.")
        .orElse("");
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
    // named: a supervisor at its own desk wraps up as the agent, not as a supervisor
    act(() -> deliveries.complete(callbackId, getAgentId(), caller), "Callback completed.");
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
    } catch (EJBException e) {
      // the engine changed the callback or the agent between this request's read and its commit
      PageMessages.warn(ConcurrentChange.behind(e).getMessage());
    }
  }
}
