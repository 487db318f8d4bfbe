package dev.rappel.platform.boundary;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A postback whose view is unknown (the session expired, or the post was forged without the page's
 * view state) changes nothing and sends the browser back to a fresh copy of the page, instead of an
 * error. This is also what makes a cross-site forged post harmless.
 */
public class ExpiredViews extends ExceptionHandlerFactory {

  public ExpiredViews(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new Handler(getWrapped().getExceptionHandler());
  }

  static class Handler extends ExceptionHandlerWrapper {
    Handler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
      Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
      while (events.hasNext()) {
        Throwable error = events.next().getContext().getException();
        if (error instanceof ViewExpiredException expired) {
          events.remove();
          FacesContext faces = FacesContext.getCurrentInstance();
          ExternalContext external = faces.getExternalContext();
          String query = queryOf((jakarta.servlet.http.HttpServletRequest) external.getRequest());
          try {
            external.redirect(external.getRequestContextPath() + expired.getViewId() + query);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          faces.responseComplete();
          return;
        }
      }
      getWrapped().handle();
    }

    private static String queryOf(jakarta.servlet.http.HttpServletRequest request) {
      String query = request.getQueryString();
      return query == null ? "" : "?" + query;
    }
  }
}
