package dev.rappel.security.boundary;

import dev.rappel.platform.entity.ApiRequest;
import dev.rappel.security.control.TokenCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Authenticates every request to {@code /api}: HTTP Basic for people and scripts, Bearer tokens for
 * integrations. A request without valid credentials is answered here with 401, a {@code
 * WWW-Authenticate} challenge and a problem+json body; nothing under {@code /api} is anonymous.
 * Browsers are challenged with Bearer only: a Basic challenge makes a browser ask for a password
 * and then send it by itself with every later request to the server, forged cross-site ones
 * included, while it never answers a Bearer challenge on its own. Other paths go to the form login
 * of the consoles ({@link PageAuthentication}); Jakarta Security allows one default mechanism per
 * application, so this one dispatches.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

  /** Request attribute: the groups of the caller this mechanism validated for the request. */
  static final String VALIDATED_GROUPS = ApiAuthentication.class.getName() + ".groups";

  @Inject IdentityStoreHandler identityStores;

  @Inject @PageLogin HttpAuthenticationMechanism pages;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/")) {
      // the consoles: form login and a session (never a Basic challenge, which would make the
      // browser pop up its own password dialog)
      return pages.validateRequest(request, response, context);
    }
    String header = request.getHeader("Authorization");
    Credential credential = credential(header);
    if (credential == null) {
      return challenge(
          request,
          response,
          context,
          header == null ? "Credentials are required." : "Unsupported or malformed credentials.");
    }
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return challenge(
          request,
          response,
          context,
          credential instanceof TokenCredential
              ? "The token is unknown or revoked."
              : "Wrong user name or password, or the account is locked for a while.");
    }
    // the groups are known here; keeping them spares the per-role container checks later
    request.setAttribute(VALIDATED_GROUPS, Set.copyOf(result.getCallerGroups()));
    return context.notifyContainerAboutLogin(result);
  }

  private static Credential credential(String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      return token.isEmpty() ? null : new TokenCredential(token);
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
          return null;
        }
        return new UsernamePasswordCredential(
            decoded.substring(0, colon), decoded.substring(colon + 1));
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    return null;
  }

  private static AuthenticationStatus challenge(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String detail) {
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
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"urn:rappel:problem:unauthenticated\",\"title\":\"Unauthorized\","
                  + "\"status\":401,\"detail\":\""
                  + detail
                  + "\"}");
    } catch (IOException e) {
      // the client is gone; the status is what matters
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
