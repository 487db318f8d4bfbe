package dev.rappel.callback.boundary;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.NotFound;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/**
 * The owner of a callback, alerted that its ownership ends soon, extends it within the queue's
 * policy or releases the callback to the queue. Each method is one transaction.
 */
@Stateless
public class Ownerships {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /** A new ownership period from now, as the queue's policy grants. */
  public Callback extend(long callbackId, Caller caller) {
    Callback callback = find(callbackId);
    callback.requireOwnershipManageableBy(caller);
    callback.extendOwnership(clock, caller.name());
    em.flush();
    return callback;
  }

  /** The callback goes to its queue like any other. */
  public Callback release(long callbackId, Caller caller) {
    Callback callback = find(callbackId);
    callback.requireOwnershipManageableBy(caller);
    callback.releaseOwnership(clock, caller.name());
    em.flush();
    return callback;
  }

  private Callback find(long id) {
    Callback callback = em.find(Callback.class, id);
    if (callback == null) {
      throw new NotFound("callback", id);
    }
    return callback;
  }
}
