package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.ApiRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Checks every API request before it is matched or its body read ({@link ApiRequest}): a body above
 * the limit is a 413, a write that is not declared JSON a 415, both as problems and with nothing
 * changed. A body without a declared length (chunked) is read here up to the limit, so an endless
 * one is cut off too.
 */
@Provider
@PreMatching
public class ApiRequestGuard implements ContainerRequestFilter {
  /** How much of a refused body is skipped so the client can read the answer. */
  private static final long SKIP_AT_MOST = 8L * 1024 * 1024;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    ApiRequest shape =
        new ApiRequest(
            request.getMethod(),
            Optional.ofNullable(request.getHeaderString(HttpHeaders.CONTENT_TYPE)),
            contentLength(request),
            request.getHeaderString("Transfer-Encoding") != null,
            ApiRequest.sentByBrowser(
                request.getHeaderString("Sec-Fetch-Mode"),
                request.getHeaderString("Origin"),
                request.getHeaderString(HttpHeaders.ACCEPT),
                request.getHeaderString(HttpHeaders.USER_AGENT)));
    if (shape.declaredTooLarge()) {
      request.abortWith(tooLarge(request.getEntityStream()));
      return;
    }
    Optional<String> unsupported = shape.unsupportedType();
    // the paths of other APIs (Genesys', OAuth's) take the media types those define
    if (unsupported.isPresent()
        && !ForwardedPaths.isForwarded(request.getUriInfo().getPath(), "")) {
      request.abortWith(
          Problem.of("http-415", Response.Status.UNSUPPORTED_MEDIA_TYPE, unsupported.get())
              .toResponse());
      return;
    }
    if (shape.chunked()) {
      Optional<byte[]> body = readAtMost(request.getEntityStream(), ApiRequest.MAX_BODY_BYTES);
      if (body.isEmpty()) {
        request.abortWith(tooLarge(request.getEntityStream()));
        return;
      }
      request.setEntityStream(new ByteArrayInputStream(body.get()));
    }
  }

  private static long contentLength(ContainerRequestContext request) {
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      return -1;
    }
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The whole body if it has at most {@code max} bytes; empty (and the rest unread) if not. */
  static Optional<byte[]> readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    return readAtMost(in, max, body) ? Optional.of(body.toByteArray()) : Optional.empty();
  }

  /**
   * Reads to the end unless that is more than {@code max} bytes, keeping what it read if asked.
   *
   * @return whether the end came within {@code max} bytes
   */
  private static boolean readAtMost(InputStream in, long max, ByteArrayOutputStream keep)
      throws IOException {
    byte[] chunk = new byte[8192];
    long total = 0;
    int read;
    while ((read = in.read(chunk)) != -1) {
      total += read;
      if (total > max) {
        return false;
      }
      if (keep != null) {
        keep.write(chunk, 0, read);
      }
    }
    return true;
  }

  /**
   * A client that sends its whole body before it reads the answer (most do, unless they ask with
   * {@code Expect: 100-continue}) would never see it if the rest stayed unread: the rest is skipped
   * unparsed up to a bound, and past it the connection is closed after the answer.
   */
  private static Response tooLarge(InputStream rest) {
    boolean skippedAll;
    try {
      skippedAll = readAtMost(rest, SKIP_AT_MOST, null);
    } catch (IOException clientGone) {
      skippedAll = false;
    }
    Response.ResponseBuilder answer =
        Response.fromResponse(
            Problem.of(
                    "http-413",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The body is larger than "
                        + ApiRequest.MAX_BODY_BYTES / 1024
                        + " KiB; nothing was read or changed.")
                .toResponse());
    if (!skippedAll) {
      answer.header("Connection", "close");
    }
    return answer.build();
  }
}
