package dev.rappel.platform.entity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the API requires of a request before it reads the body: a bounded size, and JSON declared as
 * such on every call that changes something. A browser page on another site can send a form or a
 * {@code fetch} to the API with the user's cached credentials, but only as {@code
 * application/x-www-form-urlencoded}, {@code multipart/form-data} or {@code text/plain} (anything
 * else needs a CORS preflight, which this server never grants), so insisting on JSON refuses every
 * forged write.
 *
 * @param contentLength the declared length, -1 when unknown
 * @param chunked a body follows without a declared length
 * @param fromBrowser the request carries what only browsers send ({@link #sentByBrowser})
 */
public record ApiRequest(
    String method,
    Optional<String> contentType,
    long contentLength,
    boolean chunked,
    boolean fromBrowser) {

  /** Largest body the API reads: its largest input is a few KiB. */
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private static final String JSON = "application/json";
  private static final String MERGE_PATCH = "application/merge-patch+json";

  /**
   * Imports (the do-not-call list) are POSTed as CSV; like JSON it is no type a cross-site form can
   * send without a preflight, and resources that do not consume it still answer 415.
   */
  private static final String CSV = "text/csv";

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /**
   * Whether a request comes from a browser: fetch metadata ({@code Sec-Fetch-Mode}), an {@code
   * Origin} (browsers send it on every POST and every cross-origin request), a page navigation
   * ({@code Accept: text/html}) or a browser's user agent (all start with {@code Mozilla/}).
   * Scripts and integrations send none of these.
   */
  public static boolean sentByBrowser(
      String secFetchMode, String origin, String accept, String userAgent) {
    return present(secFetchMode)
        || present(origin)
        || (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html"))
        || (userAgent != null && userAgent.startsWith("Mozilla/"));
  }

  public boolean hasBody() {
    return contentLength > 0 || chunked;
  }

  /** A declared length above the limit: refused before anything is read. */
  public boolean declaredTooLarge() {
    return contentLength > MAX_BODY_BYTES;
  }

  /**
   * Why the request's content type is refused (415), if it is. A body must be declared JSON ({@code
   * application/merge-patch+json} also for PATCH). A write without a body needs no type, except a
   * POST from a browser: a cross-site page can send an empty POST ({@code fetch} in {@code no-cors}
   * mode, {@code sendBeacon}), but always with an {@code Origin}, and scripts send {@code {}} or
   * nothing at all.
   */
  public Optional<String> unsupportedType() {
    if (!WRITES.contains(method)) {
      return Optional.empty();
    }
    Optional<String> type = contentType.map(ApiRequest::essence).filter(t -> !t.isEmpty());
    if (type.isEmpty()) {
      if (hasBody() || (method.equals("POST") && fromBrowser)) {
        return Optional.of(
            "Send the body as application/json ({} when there is nothing to say)"
                + (method.equals("PATCH") ? " or application/merge-patch+json." : "."));
      }
      return Optional.empty();
    }
    if (type.get().equals(JSON)
        || (method.equals("PATCH") && type.get().equals(MERGE_PATCH))
        || (method.equals("POST") && type.get().equals(CSV))) {
      return Optional.empty();
    }
    String named = type.get().length() > 80 ? type.get().substring(0, 80) + "..." : type.get();
    return Optional.of(
        "'"
            + named
            + "' is not accepted: send the body as application/json"
            + (method.equals("PATCH") ? " or application/merge-patch+json." : "."));
  }

  /** {@code Application/JSON; charset=UTF-8} is {@code application/json}. */
  private static String essence(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static boolean present(String header) {
    return header != null && !header.isBlank();
  }
}
