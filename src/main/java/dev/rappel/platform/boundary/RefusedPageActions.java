package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.DatabaseBusy;
import dev.rappel.platform.entity.DatabaseUnavailable;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import java.util.Iterator;
import java.util.Optional;

/**
 * A page action the database refused for a reason that is not a fault (busy, or not answering: see
 * {@link DatabaseRefusals}) is told on the page it was made on, as the API answers 503: nothing was
 * saved, what the person typed is still in the form, and the same click can succeed in a moment. A
 * page that cannot even be read from the database is left to the error page.
 */
public class RefusedPageActions extends ExceptionHandlerFactory {

  public RefusedPageActions(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new Handler(getWrapped().getExceptionHandler());
  }

  /** What the person is told, when the failure is the database's refusal. */
  static Optional<String> messageFor(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseUnavailable) {
        return Optional.of(DatabaseUnavailable.TO_CALLER);
      }
      if (t instanceof DatabaseBusy) {
        return Optional.of(DatabaseBusy.TO_CALLER);
      }
    }
    return Optional.empty();
  }

  static class Handler extends ExceptionHandlerWrapper {
    Handler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() {
      FacesContext faces = FacesContext.getCurrentInstance();
      // once rendering began, the page cannot show a message any more
      if (faces != null && faces.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE) {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
          Optional<String> message = messageFor(events.next().getContext().getException());
          if (message.isPresent()) {
            events.remove();
            faces.addMessage(
                null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message.get(), null));
            faces.validationFailed(); // a dialog stays open, as for invalid input
          }
        }
      }
      getWrapped().handle();
    }
  }
}
