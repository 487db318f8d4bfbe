package dev.rappel.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Form login for the consoles: the login page hands the typed credentials over through {@code
 * SecurityContext.authenticate}; the session keeps the caller afterwards as {@link SignedIn}, with
 * the version of its credentials ({@link ApiAuthentication} ends the session once that changes, and
 * otherwise signs the caller in again from it on every request); a protected page asked for without
 * a session goes to the login page and comes back after it.
 */
@PageLogin
@ApplicationScoped
@AutoApplySession
@LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false)
public class PageAuthentication implements HttpAuthenticationMechanism {

  /** Session attribute: the {@link SignedIn} user. */
  static final String SIGNED_IN = PageAuthentication.class.getName() + ".signedIn";

  /** Request attribute: seconds to wait before the next try, when the sign-in was throttled. */
  static final String RETRY_AFTER = PageAuthentication.class.getName() + ".retryAfter";

  @Inject Logins logins;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (!(credential instanceof UsernamePasswordCredential typed)) {
      return context.doNothing();
    }
    Logins.SignIn signIn =
        logins.withPassword(
            typed.getCaller(), typed.getPasswordAsString(), request.getRemoteAddr());
    if (signIn instanceof Logins.Accepted accepted) {
      Logins.Identity identity = accepted.identity();
      Set<String> groups =
          identity.roles().stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
      request
          .getSession()
          .setAttribute(
              SIGNED_IN, new SignedIn(identity.name(), identity.credentialsVersion(), groups));
      return context.notifyContainerAboutLogin(identity.name(), groups);
    }
    if (signIn instanceof Logins.Throttled throttled) {
      request.setAttribute(RETRY_AFTER, secondsToWait(throttled));
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** Whole seconds, rounded up, at least one: what {@code Retry-After} and the page say. */
  static long secondsToWait(Logins.Throttled throttled) {
    long millis = throttled.retryAfter().toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
