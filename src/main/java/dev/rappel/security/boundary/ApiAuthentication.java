package dev.rappel.security.boundary;

import dev.rappel.platform.control.DatabaseFailures;
import dev.rappel.platform.entity.ApiRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every request to {@code /api}: HTTP Basic for people and scripts, Bearer tokens for
 * integrations. A request without valid credentials is answered here with 401, a {@code
 * WWW-Authenticate} challenge and a problem+json body; nothing under {@code /api} is anonymous, and
 * the consoles' session cookie counts for nothing there. Browsers are challenged with Bearer only:
 * a Basic challenge makes a browser ask for a password and then send it by itself with every later
 * request to the server, forged cross-site ones included, while it never answers a Bearer challenge
 * on its own. A client with too many recent failures gets 429 with {@code Retry-After}, its
 * password unchecked. Other paths go to the form login of the consoles ({@link
 * PageAuthentication}); Jakarta Security allows one default mechanism per application, so this one
 * dispatches.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

  /** Request attribute: the groups of the caller this mechanism validated for the request. */
  static final String VALIDATED_GROUPS = ApiAuthentication.class.getName() + ".groups";

  /** Request attribute: the {@link Logins.Identity} this mechanism validated for the request. */
  static final String VALIDATED_IDENTITY = ApiAuthentication.class.getName() + ".identity";

  @Inject Logins logins;

  @Inject @PageLogin HttpAuthenticationMechanism pages;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (!RequestPaths.isApi(request)) {
      Optional<SignedIn> session = signedIn(request);
      if (session.isPresent() && endedOutdated(request, session.get())) {
        // not through the page mechanism: its session handling would still see the principal the
        // container took from the session before this call
        return context.isProtected()
            ? context.redirect(request.getContextPath() + "/login.xhtml")
            : context.doNothing();
      }
      if (session.isPresent()
          && session.get().groups() != null
          && context.getAuthParameters().getCredential() == null) {
        // A signed-in console user, from our own session attribute rather than the principal the
        // container keeps in the session: Payara gives that one its groups back only while its
        // Subject still holds a public credential, and a Subject does not serialize credentials,
        // so an instance that reads the session from the data grid (the one that signed the user
        // in is gone, or a load balancer without stickiness chose another) finds no roles (403).
        return context.notifyContainerAboutLogin(session.get().username(), session.get().groups());
      }
      // the consoles: form login and a session (never a Basic challenge, which would make the
      // browser pop up its own password dialog)
      return pages.validateRequest(request, response, context);
    }
    try {
      return authenticate(request, response, context);
    } catch (RuntimeException e) {
      if (!DatabaseFailures.isUnavailable(e) && !DatabaseFailures.isBusy(e)) {
        throw e;
      }
      // credentials cannot be checked while the database is down: not the caller's fault
      response.setHeader("Retry-After", "5");
      return problem(
          request,
          response,
          503,
          "unavailable",
          "Service Unavailable",
          "The database does not answer, so the credentials could not be checked; retry.");
    }
  }

  private AuthenticationStatus authenticate(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return challenge(request, response, "Credentials are required.");
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      Optional<Logins.Identity> identity =
          token.isEmpty() ? Optional.empty() : logins.withToken(token);
      return identity.isPresent()
          ? signedIn(request, context, identity.get())
          : challenge(request, response, "The token is unknown, revoked or expired.");
    }
    String[] basic = basic(header);
    if (basic.length == 0) {
      return challenge(request, response, "Unsupported or malformed credentials.");
    }
    Logins.SignIn signIn = logins.withPassword(basic[0], basic[1], request.getRemoteAddr());
    if (signIn instanceof Logins.Accepted accepted) {
      return signedIn(request, context, accepted.identity());
    }
    if (signIn instanceof Logins.Throttled throttled) {
      return tooManyFailures(request, response, throttled);
    }
    return challenge(request, response, "Wrong user name or password.");
  }

  /** The console user this request's session signed in, if any. */
  private static Optional<SignedIn> signedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    try {
      return session.getAttribute(PageAuthentication.SIGNED_IN) instanceof SignedIn user
          ? Optional.of(user)
          : Optional.empty();
    } catch (IllegalStateException alreadyInvalid) {
      return Optional.empty();
    }
  }

  /**
   * A console session signed in before its user's password or roles changed, or before the user was
   * deleted, ends here; true when it did.
   */
  private boolean endedOutdated(HttpServletRequest request, SignedIn user) {
    try {
      if (logins.isCurrent(user.username(), user.credentialsVersion())) {
        return false;
      }
    } catch (RuntimeException e) {
      if (!DatabaseFailures.isUnavailable(e) && !DatabaseFailures.isBusy(e)) {
        throw e;
      }
      // The database cannot tell now; nothing can be read or saved without it either, so the
      // page's own action says so (RefusedPageActions) and the next request checks again. Failing
      // here instead ended every console request in an error the page could not show.
      return false;
    }
    HttpSession session = request.getSession(false);
    try {
      if (session != null) {
        session.invalidate();
      }
    } catch (IllegalStateException alreadyInvalid) {
      // another request ended it first
    }
    return true;
  }

  private static AuthenticationStatus signedIn(
      HttpServletRequest request, HttpMessageContext context, Logins.Identity identity) {
    Set<String> groups = identity.groups();
    // the groups are known here; keeping them spares the per-role container checks later
    request.setAttribute(VALIDATED_GROUPS, groups);
    request.setAttribute(VALIDATED_IDENTITY, identity);
    return context.notifyContainerAboutLogin(identity.name(), groups);
  }

  /** User name and password of a Basic header; empty when it is not one. */
  private static String[] basic(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return new String[0];
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0
          ? new String[0]
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return new String[0];
    }
  }

  private static AuthenticationStatus challenge(
      HttpServletRequest request, HttpServletResponse response, String detail) {
    boolean browser =
        ApiRequest.sentByBrowser(
            request.getHeader("Sec-Fetch-Mode"),
            request.getHeader("Origin"),
            request.getHeader("Accept"),
            request.getHeader("User-Agent"));
    if (!browser) {
      response.addHeader("WWW-Authenticate", "Basic realm=\"rappel\", charset=\"UTF-8\"");
    }
    response.addHeader("WWW-Authenticate", "Bearer realm=\"rappel\"");
    return problem(request, response, 401, "unauthenticated", "Unauthorized", detail);
  }

  private static AuthenticationStatus tooManyFailures(
      HttpServletRequest request, HttpServletResponse response, Logins.Throttled throttled) {
    long seconds = PageAuthentication.secondsToWait(throttled);
    response.setHeader("Retry-After", String.valueOf(seconds));
    return problem(
        request,
        response,
        429,
        "too-many-sign-in-failures",
        "Too Many Requests",
        "Too many failed sign-ins for this user from this address; the password was not checked."
            + " Try again in "
            + seconds
            + " s.");
  }

  private static AuthenticationStatus problem(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String type,
      String title,
      String detail) {
    response.setStatus(status);
    response.setCharacterEncoding("UTF-8");
    if (RequestPaths.isGenesys(request)) {
      // the Genesys-compatible endpoints answer in Genesys' error shape, which its SDKs read
      response.setContentType("application/json");
      String code =
          switch (status) {
            case 401 -> "bad.credentials";
            case 503 -> "service.unavailable";
            default -> "too.many.requests";
          };
      try {
        response
            .getWriter()
            .write(
                "{\"message\":\""
                    + detail
                    + "\",\"code\":\""
                    + code
                    + "\",\"status\":"
                    + status
                    + ",\"messageWithParams\":\""
                    + detail
                    + "\",\"messageParams\":{},\"contextId\":\""
                    + java.util.UUID.randomUUID()
                    + "\",\"details\":[],\"errors\":[]}");
      } catch (IOException e) {
        // the client is gone; the status is what matters
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
    response.setContentType("application/problem+json");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"urn:rappel:problem:"
                  + type
                  + "\",\"title\":\""
                  + title
                  + "\",\"status\":"
                  + status
                  + ",\"detail\":\""
                  + detail
                  + "\"}");
    } catch (IOException e) {
      // the client is gone; the status is what matters
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
