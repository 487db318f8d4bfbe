package dev.rappel.callback.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.InboundNotice;
import dev.rappel.callback.entity.InboundNoticeRaised;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.interaction.entity.InteractionRecorded;
import dev.rappel.interaction.entity.WaitingCallback;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.queue.entity.InboundContactAction;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * When a customer gets through another way: an interaction from the number of a callback waiting on
 * the same queue reaches an agent. The queue's {@code onInboundContact} decides: cancel the
 * callback, tell the agent (who cancels or keeps it), or nothing. Callbacks already in an agent's
 * hands (offered, reserved, dialling, connected) are never touched. Each method is one transaction;
 * the reaction runs in the transaction that records the interaction.
 */
@Stateless
public class InboundContacts {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Event<InboundNoticeRaised> noticeRaised;

  /** Applies the queue's policy to the callbacks waiting for the caller of a new interaction. */
  public void interactionRecorded(@Observes InteractionRecorded recorded) {
    Interaction contact = recorded.interaction();
    if (contact.agent().isEmpty() || contact.ani().isEmpty()) {
      return; // it reached no agent, or the caller is unknown: nobody got through
    }
    InboundContactAction action = contact.queue().settings().customerCare().onInboundContact();
    if (action == InboundContactAction.KEEP) {
      return;
    }
    PhoneNumber number = contact.ani().get();
    for (Callback callback : waitingFor(contact, number)) {
      if (action == InboundContactAction.CANCEL) {
        callback.cancelForInboundContact(contact, clock, Callback.SYSTEM);
        contact.noteWaitingCallback(waiting(callback, WaitingCallback.CANCELED));
      } else {
        em.persist(new InboundNotice(callback, contact, clock));
        contact.noteWaitingCallback(waiting(callback, WaitingCallback.NOTIFIED));
        noticeRaised.fire(new InboundNoticeRaised(contact.agent().get().id()));
      }
    }
  }

  private List<Callback> waitingFor(Interaction contact, PhoneNumber number) {
    return em.createQuery(
            "SELECT c FROM Callback c WHERE c.phoneNumber = :number AND c.queue = :queue"
                + " AND c.state IN :states ORDER BY c.scheduledAt, c.id",
            Callback.class)
        .setParameter("number", number.e164())
        .setParameter("queue", contact.queue())
        .setParameter("states", CallbackState.WAITING)
        .getResultStream()
        .filter(c -> c.isWaitingFor(number, contact.queue()))
        .toList();
  }

  private static WaitingCallback waiting(Callback callback, String action) {
    var time = callback.time();
    return new WaitingCallback(
        callback.id(),
        time.instant(),
        time.zone().getId(),
        time.instant().atZone(time.zone()).toOffsetDateTime(),
        action);
  }

  /** The notices about the callbacks waiting when the interaction came in, decided or not. */
  public List<InboundNotice> ofInteraction(long interactionId, Caller caller) {
    Interaction interaction = em.find(Interaction.class, interactionId);
    if (interaction == null) {
      throw new NotFound("interaction", interactionId);
    }
    interaction.requireVisibleTo(caller);
    return em.createNamedQuery(InboundNotice.OF_INTERACTION, InboundNotice.class)
        .setParameter("interaction", interactionId)
        .getResultList();
  }

  /** The notices an agent has not decided yet, whose callbacks still wait. */
  public List<InboundNotice> openFor(long agentId) {
    return em.createNamedQuery(InboundNotice.OPEN_FOR_AGENT, InboundNotice.class)
        .setParameter("agent", agentId)
        .setParameter("states", CallbackState.WAITING)
        .getResultList();
  }

  /** The agent cancels the waiting callback: the customer got through. */
  public InboundNotice cancel(long interactionId, long callbackId, Caller caller) {
    InboundNotice notice = notice(interactionId, callbackId, caller);
    notice.cancelCallback(clock, caller.name());
    em.flush();
    return notice;
  }

  /** The agent keeps the waiting callback; the notice goes away. */
  public InboundNotice keep(long interactionId, long callbackId, Caller caller) {
    InboundNotice notice = notice(interactionId, callbackId, caller);
    notice.keepCallback(clock, caller.name());
    noticeRaised.fire(new InboundNoticeRaised(notice.agent().id()));
    return notice;
  }

  private InboundNotice notice(long interactionId, long callbackId, Caller caller) {
    InboundNotice notice =
        em.createNamedQuery(InboundNotice.OF_INTERACTION, InboundNotice.class)
            .setParameter("interaction", interactionId)
            .getResultStream()
            .filter(n -> n.callback().id() == callbackId)
            .findFirst()
            .orElseThrow(
                () ->
                    new NotFound(
                        "notice of callback " + callbackId + " on interaction", interactionId));
    notice.requireDecidableBy(caller);
    return notice;
  }
}
