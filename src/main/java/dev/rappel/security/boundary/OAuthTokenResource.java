package dev.rappel.security.boundary;

import dev.rappel.platform.boundary.ApiDocument;
import dev.rappel.platform.boundary.ForwardedPaths;
import dev.rappel.platform.entity.Scope;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /oauth/token}: the OAuth 2.0 client credentials grant (RFC 6749 §4.4), so that
 * clients written for Genesys Cloud's SDKs authenticate unchanged. The client authenticates with
 * HTTP Basic (or {@code client_id}/{@code client_secret} form fields, §2.3.1) and gets a
 * short-lived bearer token, used like any API token. Errors are RFC 6749 §5.2 JSON, not problems.
 */
@Path(ForwardedPaths.PREFIX + "/oauth/token")
@RequestScoped
@PermitAll
@Tag(name = "Access", description = "Users, API tokens and OAuth clients")
public class OAuthTokenResource {
  private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

  @Inject OAuthClients clients;

  @Context HttpServletRequest request;

  /** The form fields, for the OpenAPI document. */
  @Schema(name = "OAuthTokenRequest")
  public static class TokenRequest {
    @Schema(description = "client_credentials", required = true)
    public String grant_type;

    @Schema(description = "Space-separated scopes, to get fewer than the client holds")
    public String scope;

    @Schema(description = "When the client does not authenticate with HTTP Basic")
    public String client_id;

    @Schema(description = "When the client does not authenticate with HTTP Basic")
    public String client_secret;
  }

  /** A successful answer (RFC 6749 §5.1). */
  @Schema(name = "OAuthToken")
  public record TokenView(String access_token, String token_type, long expires_in, String scope) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Extension(name = ApiDocument.ERROR_SCHEMA, value = "OAuthError")
  @Operation(
      operationId = "issueOAuthToken",
      summary = "Get a bearer token for an OAuth client (client credentials grant)",
      description =
          "RFC 6749 §4.4: grant_type=client_credentials, form-encoded, with the client's id and"
              + " secret as HTTP Basic (or client_id and client_secret fields). The token is used as"
              + " Authorization: Bearer on /api/v1 and /api/v2 until expires_in seconds have"
              + " passed; there is no refresh token.")
  @RequestBody(
      required = true,
      content = @Content(mediaType = FORM, schema = @Schema(implementation = TokenRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "A token",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TokenView.class)))
  @APIResponse(
      responseCode = "400",
      description = "invalid_request, unsupported_grant_type or invalid_scope",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OAuthError.class)))
  @APIResponse(
      responseCode = "401",
      description = "invalid_client: unknown client or wrong secret",
      headers =
          @Header(
              name = "WWW-Authenticate",
              description = "Basic",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "429",
      description = "Too many failed authentications of this client from this address",
      headers =
          @Header(
              name = "Retry-After",
              description = "Seconds to wait",
              schema = @Schema(type = SchemaType.INTEGER)))
  public Response token(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    if (contentType == null
        || !contentType
            .toLowerCase(Locale.ROOT)
            .strip()
            .startsWith(FORM.toLowerCase(Locale.ROOT))) {
      return error(400, "invalid_request", "Send the request as " + FORM + ".");
    }
    Optional<Map<String, String>> form = form(body);
    if (form.isEmpty()) {
      return error(400, "invalid_request", "The form cannot be read, or repeats a parameter.");
    }
    Map<String, String> fields = form.get();
    String grantType = fields.get("grant_type");
    if (grantType == null || grantType.isBlank()) {
      return error(400, "invalid_request", "grant_type is required.");
    }
    if (!grantType.equals("client_credentials")) {
      return error(400, "unsupported_grant_type", "Only client_credentials is supported.");
    }
    Optional<String[]> basic = basic(authorization);
    boolean inForm = fields.containsKey("client_id") || fields.containsKey("client_secret");
    if (authorization != null && basic.isEmpty()) {
      return invalidClient("The Authorization header is not HTTP Basic client credentials.");
    }
    if (basic.isPresent() && inForm) {
      return error(400, "invalid_request", "Authenticate the client one way only.");
    }
    String[] credentials =
        basic.orElse(new String[] {fields.get("client_id"), fields.get("client_secret")});
    if (credentials[0] == null || credentials[1] == null) {
      return invalidClient("Client authentication is required.");
    }
    Set<Scope> requested = EnumSet.noneOf(Scope.class);
    String scope = fields.get("scope");
    for (String name : scope == null ? new String[0] : scope.trim().split(" +")) {
      if (name.isEmpty()) {
        continue;
      }
      Optional<Scope> known = Scope.fromWire(name);
      if (known.isEmpty()) {
        return error(400, "invalid_scope", "'" + name + "' is not a scope.");
      }
      requested.add(known.get());
    }
    OAuthClients.Grant grant =
        clients.issueToken(credentials[0], credentials[1], requested, request.getRemoteAddr());
    if (grant instanceof OAuthClients.Granted granted) {
      return noStore(
          Response.ok(
              new TokenView(
                  granted.accessToken(),
                  "bearer",
                  granted.expiresIn().toSeconds(),
                  granted.scopes().stream()
                      .map(Scope::wire)
                      .sorted()
                      .collect(Collectors.joining(" ")))));
    }
    if (grant instanceof OAuthClients.Throttled throttled) {
      long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
      return noStore(
          Response.status(429)
              .header("Retry-After", seconds)
              .entity(
                  new OAuthError(
                      "invalid_client",
                      "Too many failed authentications of this client from this address; try"
                          + " again in "
                          + seconds
                          + " s.")));
    }
    if (grant instanceof OAuthClients.ScopeNotHeld) {
      return error(400, "invalid_scope", "The client does not hold every scope asked for.");
    }
    return invalidClient("Unknown client or wrong secret.");
  }

  private static Response invalidClient(String description) {
    return noStore(
        Response.status(401)
            .header("WWW-Authenticate", "Basic realm=\"rappel\", charset=\"UTF-8\"")
            .entity(new OAuthError("invalid_client", description)));
  }

  private static Response error(int status, String code, String description) {
    return noStore(Response.status(status).entity(new OAuthError(code, description)));
  }

  /** RFC 6749 §5.1: token answers are never cached. */
  private static Response noStore(Response.ResponseBuilder response) {
    return response
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Pragma", "no-cache")
        .build();
  }

  /** The fields of a form-encoded body; empty when it is malformed or repeats a field. */
  static Optional<Map<String, String>> form(String body) {
    Map<String, String> fields = new HashMap<>();
    if (body == null || body.isBlank()) {
      return Optional.of(fields);
    }
    try {
      for (String pair : body.strip().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (fields.put(name, value) != null) {
          return Optional.empty();
        }
      }
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    return Optional.of(fields);
  }

  /** Client id and secret of a Basic header, each form-decoded (RFC 6749 §2.3.1). */
  static Optional<String[]> basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      return Optional.of(
          new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))});
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
