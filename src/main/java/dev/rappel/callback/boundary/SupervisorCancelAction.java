package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.callback.entity.Callback;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;

/** The supervisor cancels one callback from its row, once they confirmed it. */
@Named("supervisorCancel")
@ViewScoped
public class SupervisorCancelAction implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject Callbacks callbacks;

  @Inject SupervisorOverviewPage overview;

  @Inject Caller caller;

  public void cancel(long id) {
    try {
      Callback canceled = callbacks.cancel(id, Optional.empty(), caller);
      info("Callback " + canceled.id() + " canceled.");
      overview.refresh();
    } catch (Conflict | NotFound | Forbidden e) {
      error(null, e.getMessage());
    } catch (EJBException e) {
      error(null, ConcurrentChange.behind(e).getMessage());
    }
  }
}
