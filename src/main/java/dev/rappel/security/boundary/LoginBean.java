package dev.rappel.security.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The login and logout of the consoles. */
@Named("login")
@RequestScoped
public class LoginBean {

  @Inject SecurityContext security;

  @Inject FacesContext faces;

  private String username;
  private String password;

  public void signIn() throws IOException {
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, password))
                .newAuthentication(true));
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete(); // back to the page that was asked for
      case SUCCESS -> external.redirect(external.getRequestContextPath() + "/index.xhtml");
      default ->
          faces.addMessage(
              null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal(external), null));
    }
  }

  private static String refusal(ExternalContext external) {
    Object wait = external.getRequestMap().get(PageAuthentication.RETRY_AFTER);
    return wait == null
        ? "Wrong user name or password."
        : "Too many failed sign-ins for this user from here. Wait "
            + wait
            + " s and try again; the password was not checked.";
  }

  public void signOut() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/login.xhtml");
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
