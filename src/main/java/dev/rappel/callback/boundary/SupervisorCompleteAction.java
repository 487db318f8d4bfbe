package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The supervisor completes a connected callback from its row, once they confirmed it: the call its
 * agent did not wrap up ends, and the agent is free for the next one.
 */
@Named("supervisorComplete")
@ViewScoped
public class SupervisorCompleteAction implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject Callbacks callbacks;

  @Inject SupervisorOverviewPage overview;

  @Inject Caller caller;

  public void complete(long id) {
    try {
      Callback completed = callbacks.completeBySupervisor(id, caller);
      info("Callback " + completed.id() + " completed.");
      overview.refresh();
    } catch (Conflict | NotFound | Forbidden e) {
      error(null, e.getMessage());
    }
  }
}
