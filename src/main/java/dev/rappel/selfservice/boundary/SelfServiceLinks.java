package dev.rappel.selfservice.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.selfservice.entity.LinkToken;
import dev.rappel.selfservice.entity.SelfServiceLink;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues and revokes a callback's self-service links, for those who may manage the callback. */
@Stateless
public class SelfServiceLinks {
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "rappel.selfservice.link-days", defaultValue = "30")
  int linkDays;

  /** A new link: its token (shown once, never stored) and when it expires. */
  public record Issued(LinkToken token, Instant expiresAt) {}

  public Issued issue(long callbackId, Caller caller) {
    Callback callback = manageable(callbackId, caller);
    if (callback.state().isTerminal() || callback.isErased()) {
      throw new Conflict(
          "Callback " + callbackId + " is " + callback.state() + ": a link would open nothing.");
    }
    LinkToken token = LinkToken.random(RANDOM);
    SelfServiceLink link =
        SelfServiceLink.issue(
            callbackId,
            token,
            clock.instant(),
            Duration.ofDays(Math.max(1, linkDays)),
            caller.name());
    em.persist(link);
    return new Issued(token, link.expiresAt());
  }

  /** Revokes every link of the callback; how many were still active. */
  public int revokeAll(long callbackId, Caller caller) {
    manageable(callbackId, caller);
    Instant now = clock.instant();
    List<SelfServiceLink> links =
        em.createNamedQuery(SelfServiceLink.ACTIVE_OF_CALLBACK, SelfServiceLink.class)
            .setParameter("callback", callbackId)
            .getResultList();
    links.forEach(link -> link.revoke(now));
    return links.size();
  }

  /** The callback, if the caller may manage it (the callbacks' own access rule). */
  private Callback manageable(long callbackId, Caller caller) {
    Callback callback = em.find(Callback.class, callbackId);
    if (callback == null) {
      throw new NotFound("callback", callbackId);
    }
    callback.requireManageableBy(caller);
    return callback;
  }
}
