package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.SuggestedTime;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists the fields at fault for input errors and is
 * left out otherwise.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    @JsonbNillable(false) List<FieldError> errors,
    @JsonbNillable(false) List<SuggestedTime> suggestedAt) {

  public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    this(type, title, status, detail, errors, null);
  }

  /** The same problem with the nearest allowed instants (a refused time), nearest first. */
  public Problem withSuggestedAt(List<SuggestedTime> suggestions) {
    return new Problem(type, title, status, detail, errors, suggestions);
  }

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
  private static final String TYPE_BASE = "urn:rappel:problem:";

  public static Problem of(String type, Response.StatusType status, String detail) {
    return new Problem(
        TYPE_BASE + type, status.getReasonPhrase(), status.getStatusCode(), detail, null);
  }

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(
        TYPE_BASE + "invalid-input",
        Statuses.UNPROCESSABLE_CONTENT.getReasonPhrase(),
        Statuses.UNPROCESSABLE_CONTENT.getStatusCode(),
        detail,
        errors);
  }

  /**
   * A request that cannot be read as meant (wrong type, unknown value), with the fields at fault.
   */
  public static Problem unreadable(String detail, List<FieldError> errors) {
    return new Problem(
        TYPE_BASE + "unreadable-request",
        Response.Status.BAD_REQUEST.getReasonPhrase(),
        Response.Status.BAD_REQUEST.getStatusCode(),
        detail,
        errors);
  }

  public Response toResponse() {
    return Response.status(statusType()).type(MEDIA_TYPE).entity(this).build();
  }

  private Response.StatusType statusType() {
    if (status == 422) {
      return Statuses.UNPROCESSABLE_CONTENT;
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known : Statuses.custom(status, title);
  }
}
