package dev.rappel.callback.entity;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.Scope;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see which callbacks: supervisors, admins and {@code callbacks:manage} tokens every one;
 * an agent those it is involved in ({@link Involvement}); a {@code callbacks:read} token those it
 * created; an {@code events:read} token also the steps of its queues, but without their detail text
 * (which names the number dialled) unless it may read the callback. The one rule behind a read by
 * id, a list and the event stream, each derived here so they cannot disagree.
 */
public sealed interface CallbackAccess {

  /** What this caller may see; a caller with no reading role gets {@link Forbidden}. */
  static CallbackAccess of(Caller caller) {
    if (caller.seesEverything() || caller.may(Scope.CALLBACKS_MANAGE)) {
      return new Everything();
    }
    if (caller.agentId().isPresent()) {
      return new InvolvedAgent(caller.agentId().get());
    }
    boolean reads = caller.may(Scope.CALLBACKS_READ);
    if (caller.may(Scope.EVENTS_READ)) {
      return new QueueWatcher(
          reads ? Optional.of(new Creator(caller.name())) : Optional.empty(), caller.eventQueues());
    }
    if (reads) {
      return new Creator(caller.name());
    }
    throw new Forbidden("Your role or scopes do not allow reading callbacks.");
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

  /** The step as this caller is shown it. */
  default CallbackChanged shown(CallbackChanged event) {
    return event;
  }

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

  /**
   * An {@code events:read} token: the steps of every callback of its queues (of every queue when it
   * lists none), and what its {@code callbacks:read}, if any, allows. A step of a callback it may
   * not read comes without its detail, so no customer number reaches a caller that may not read it.
   */
  record QueueWatcher(Optional<Creator> reader, Set<Long> queues) implements CallbackAccess {
    public QueueWatcher {
      queues = Set.copyOf(queues);
    }

    @Override
    public boolean permits(Callback callback) {
      return reader.map(r -> r.permits(callback)).orElse(false);
    }

    @Override
    public boolean permits(CallbackChanged event) {
      return queues.isEmpty()
          || queues.contains(event.queueId())
          || reader.map(r -> r.permits(event)).orElse(false);
    }

    @Override
    public CallbackChanged shown(CallbackChanged event) {
      return reader.map(r -> r.permits(event)).orElse(false) ? event : event.withoutDetail();
    }

    @Override
    public Optional<Predicate> restrict(
        CriteriaBuilder cb, AbstractQuery<?> query, Root<Callback> root) {
      return Optional.of(
          reader.flatMap(r -> r.restrict(cb, query, root)).orElseGet(cb::disjunction));
    }
  }
}
