package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.primefaces.PrimeFaces;

/**
 * The supervisor sends one callback to another queue and/or gives it to an agent (or releases it
 * from its owner), in one step.
 */
@Named("supervisorReassign")
@ViewScoped
public class SupervisorReassignDialog implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject Callbacks callbacks;

  @Inject SupervisorOverviewPage overview;

  @Inject Caller caller;

  private Opened callback;
  private Long queueId;
  private Long ownerId;

  /** The callback the dialog works on, as it was when the dialog opened. */
  public record Opened(long id, String title, long queueId, Long ownerId) implements Serializable {}

  /** Opens the dialog on one callback, with its queue and owner chosen. */
  public void open(long id) {
    try {
      Callback c = callbacks.find(id, caller);
      callback =
          new Opened(
              c.id(),
              SupervisorDetailDialog.title(c),
              c.queue().id(),
              c.ownership().map(o -> o.owner().id()).orElse(null));
      queueId = callback.queueId();
      ownerId = callback.ownerId();
    } catch (NotFound | Forbidden e) {
      callback = null;
      error(null, e.getMessage());
    }
  }

  /** Sends the callback to another queue and/or agent (or releases its owner), in one step. */
  public void reassign() {
    if (callback == null) {
      return;
    }
    boolean queueChanged = queueId != null && queueId != callback.queueId();
    boolean ownerChanged = !Objects.equals(ownerId, callback.ownerId());
    if (!queueChanged && !ownerChanged) {
      error("reassign", "Choose another queue or another agent first.");
      return;
    }
    try {
      var command =
          new Callbacks.ChangeCommand(
              Optional.empty(),
              Optional.empty(),
              queueChanged ? Optional.of(queueId) : Optional.empty(),
              ownerChanged,
              ownerChanged ? Optional.ofNullable(ownerId) : Optional.empty());
      Callback changed = callbacks.change(callback.id(), command, Optional.empty(), caller);
      info(
          "Callback "
              + changed.id()
              + " is now on queue '"
              + changed.queue().name()
              + "'"
              + changed.ownership().map(o -> ", owned by " + o.owner().name()).orElse("")
              + ".");
      overview.refresh();
      // the dialog closes only when the change went through
      PrimeFaces.current().ajax().addCallbackParam("saved", true);
    } catch (RuleViolation violation) {
      for (FieldError e : violation.errors()) {
        String field =
            switch (e.field()) {
              case "queueId" -> "reassign:queue";
              case "ownerAgentId" -> "reassign:owner";
              default -> "reassign";
            };
        error(field, e.message());
      }
    } catch (Conflict | NotFound | Forbidden e) {
      error("reassign", e.getMessage());
    } catch (EJBException e) {
      error("reassign", ConcurrentChange.behind(e).getMessage());
    }
  }

  public Opened getCallback() {
    return callback;
  }

  public Long getQueueId() {
    return queueId;
  }

  public void setQueueId(Long queueId) {
    this.queueId = queueId;
  }

  public Long getOwnerId() {
    return ownerId;
  }

  public void setOwnerId(Long ownerId) {
    this.ownerId = ownerId;
  }
}
