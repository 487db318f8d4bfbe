package dev.rappel.platform.boundary;

import jakarta.ws.rs.core.Response;

/** HTTP statuses that {@link Response.Status} lacks, with their proper reason phrases. */
final class Statuses {
  private Statuses() {}

  /** JAX-RS would print "422 CUSTOM" otherwise. */
  static final Response.StatusType UNPROCESSABLE_CONTENT = custom(422, "Unprocessable Content");

  static Response.StatusType custom(int code, String phrase) {
    return new Response.StatusType() {
      @Override
      public int getStatusCode() {
        return code;
      }

      @Override
      public Response.Status.Family getFamily() {
        return Response.Status.Family.familyOf(code);
      }

      @Override
      public String getReasonPhrase() {
        return phrase;
      }
    };
  }
}
