package dev.rappel.platform.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * What a console page tells the person: a confirmation or a refusal at the top of the page, or a
 * refusal beside the field it is about (its client id).
 */
public final class PageMessages {
  private PageMessages() {}

  public static void info(String text) {
    add(null, FacesMessage.SEVERITY_INFO, text);
  }

  public static void warn(String text) {
    add(null, FacesMessage.SEVERITY_WARN, text);
  }

  /** A refusal beside the component with that client id, or at the top when it is null. */
  public static void error(String clientId, String text) {
    add(clientId, FacesMessage.SEVERITY_ERROR, text);
  }

  private static void add(String clientId, FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
  }
}
