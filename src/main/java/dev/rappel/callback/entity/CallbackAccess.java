package dev.rappel.callback.entity;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Role;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.Optional;

/**
 * Who may see which callbacks: supervisors and admins every one; an agent those it is involved in
 * ({@link Involvement}); an integration those it created. The one rule behind a read by id, a list
 * and the event stream, each derived here so they cannot disagree.
 */
public sealed interface CallbackAccess {

  /** What this caller may see; a caller with no reading role gets {@link Forbidden}. */
  static CallbackAccess of(Caller caller) {
    if (caller.seesEverything()) {
      return new Everything();
    }
    if (caller.agentId().isPresent()) {
      return new InvolvedAgent(caller.agentId().get());
    }
    if (caller.is(Role.INTEGRATION)) {
      return new Creator(caller.name());
    }
    throw new Forbidden("Your role does not allow reading callbacks.");
  }

  /** Whether the caller may see this callback. */
  boolean permits(Callback callback);

  /**
   * Whether the caller may see this step: a step of a callback it may see, as the callback was
   * after the step, or the step that took a callback from this agent.
   */
  boolean permits(CallbackChanged event);

  /** The condition a list adds to its query; none when every callback is visible. */
  Optional<Predicate> restrict(CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root);

  default void requirePermits(Callback callback) {
    if (!permits(callback)) {
      throw new Forbidden("This callback is not yours to see.");
    }
  }

  /** Supervisors and admins. */
  record Everything() implements CallbackAccess {
    @Override
    public boolean permits(Callback callback) {
      return true;
    }

    @Override
    public boolean permits(CallbackChanged event) {
      return true;
    }

    @Override
    public Optional<Predicate> restrict(
        CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root) {
      return Optional.empty();
    }
  }

  /** An agent: the callbacks it is involved in. */
  record InvolvedAgent(long agentId) implements CallbackAccess {
    @Override
    public boolean permits(Callback callback) {
      return Involvement.agentsOf(callback).contains(agentId);
    }

    @Override
    public boolean permits(CallbackChanged event) {
      return event.concernsAgent(agentId);
    }

    @Override
    public Optional<Predicate> restrict(
        CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root) {
      return Optional.of(Involvement.anyWay(cb, query, root, agentId));
    }
  }

  /** An integration: the callbacks it created. */
  record Creator(String name) implements CallbackAccess {
    @Override
    public boolean permits(Callback callback) {
      return name.equals(callback.createdBy());
    }

    @Override
    public boolean permits(CallbackChanged event) {
      return name.equals(event.createdBy());
    }

    @Override
    public Optional<Predicate> restrict(
        CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root) {
      return Optional.of(cb.equal(root.get("createdBy"), name));
    }
  }
}
