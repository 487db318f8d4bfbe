package dev.rappel.platform.boundary;

import dev.rappel.platform.control.DatabaseFailures;
import dev.rappel.platform.control.ThrottledLog;
import dev.rappel.platform.entity.ConcurrentChange;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.DatabaseBusy;
import dev.rappel.platform.entity.DatabaseUnavailable;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.PreconditionFailed;
import dev.rappel.platform.entity.RefusedTime;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.TooManyRequests;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every failure into {@code application/problem+json}: 400 for an unreadable request, 422 for
 * a readable one that breaks a rule, 404, 409 (also for a change lost to a concurrent one), 412,
 * and the JAX-RS statuses as they are. Anything unexpected is a 500 whose detail names a log
 * reference, never a stack trace.
 */
public final class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

  @Provider
  public static class RuleViolationMapper implements ExceptionMapper<RuleViolation> {
    @Override
    public Response toResponse(RuleViolation e) {
      if (e.unreadable()) {
        String detail =
            e.errors().size() == 1
                ? e.errors().get(0).field() + ": " + e.errors().get(0).message()
                : e.errors().size() + " fields cannot be read; see errors.";
        return Problem.unreadable(detail, e.errors()).toResponse();
      }
      String detail =
          e.errors().size() == 1
              ? e.errors().get(0).message()
              : "The request breaks " + e.errors().size() + " rules; see errors.";
      Problem problem = Problem.invalid(detail, e.errors());
      if (e instanceof RefusedTime refused) {
        problem = problem.withSuggestedAt(refused.suggestedAt());
      }
      return problem.toResponse();
    }
  }

  @Provider
  public static class ConstraintViolationMapper
      implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      List<FieldError> errors = new ArrayList<>();
      for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
        errors.add(new FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
      }
      errors.sort(Comparator.comparing(FieldError::field));
      String detail =
          errors.size() == 1
              ? errors.get(0).field() + ": " + errors.get(0).message()
              : errors.size() + " fields are invalid; see errors.";
      return Problem.invalid(detail, errors).toResponse();
    }

    /**
     * {@code create.body.phoneNumber} becomes {@code phoneNumber}; a missing body, {@code body}.
     */
    static String fieldOf(Path path) {
      List<String> names = new ArrayList<>();
      for (Path.Node node : path) {
        switch (node.getKind()) {
          case METHOD, CONSTRUCTOR, RETURN_VALUE -> {}
          case PARAMETER -> names.add(node.getName());
          default -> {
            String name = node.getName();
            if (node.getIndex() != null) {
              name = name + "[" + node.getIndex() + "]";
            }
            names.add(name);
          }
        }
      }
      if (names.size() > 1) {
        names.remove(0); // the parameter name says nothing to an API client
      }
      return String.join(".", names);
    }
  }

  @Provider
  public static class NotFoundMapper implements ExceptionMapper<NotFound> {
    @Override
    public Response toResponse(NotFound e) {
      return Problem.of("not-found", Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
  }

  @Provider
  public static class ForbiddenMapper implements ExceptionMapper<Forbidden> {
    @Override
    public Response toResponse(Forbidden e) {
      return Problem.of("forbidden", Response.Status.FORBIDDEN, e.getMessage()).toResponse();
    }
  }

  /** A role check on an EJB: the caller is authenticated (the API lets no one in anonymously). */
  @Provider
  public static class EjbAccessMapper implements ExceptionMapper<jakarta.ejb.EJBAccessException> {
    @Override
    public Response toResponse(jakarta.ejb.EJBAccessException e) {
      return Problem.of("forbidden", Response.Status.FORBIDDEN, "Your role does not allow this.")
          .toResponse();
    }
  }

  @Provider
  public static class ConflictMapper implements ExceptionMapper<Conflict> {
    @Override
    public Response toResponse(Conflict e) {
      String type = e instanceof ConcurrentChange ? "concurrent-change" : "conflict";
      return Problem.of(type, Response.Status.CONFLICT, e.getMessage()).toResponse();
    }
  }

  /** If-Match named a version that is no longer the current one: nothing was changed. */
  @Provider
  public static class PreconditionFailedMapper implements ExceptionMapper<PreconditionFailed> {
    @Override
    public Response toResponse(PreconditionFailed e) {
      return Problem.of("precondition-failed", Response.Status.PRECONDITION_FAILED, e.getMessage())
          .toResponse();
    }
  }

  /** Malformed JSON or a value of the wrong type: the request cannot be read at all. */
  @Provider
  public static class TooManyRequestsMapper implements ExceptionMapper<TooManyRequests> {
    @Override
    public Response toResponse(TooManyRequests e) {
      return Response.fromResponse(
              Problem.of("too-many-requests", Response.Status.TOO_MANY_REQUESTS, e.getMessage())
                  .toResponse())
          .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
          .build();
    }
  }

  @Provider
  public static class UnreadableMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return unreadable(e);
    }
  }

  @Provider
  public static class JsonbMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return unreadable(e);
    }
  }

  @Provider
  public static class JsonParsingMapper implements ExceptionMapper<JsonParsingException> {
    @Override
    public Response toResponse(JsonParsingException e) {
      return unreadable(e);
    }
  }

  /** JSON-P's own failures, e.g. a body too short to detect its encoding ({@code 0}). */
  @Provider
  public static class JsonMapper implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException e) {
      return unreadable(e);
    }
  }

  // JSON-B (Yasson) names the property it failed on, outermost first, in each cause's message
  private static final Pattern PROPERTY = Pattern.compile("property '([^']+)'");

  static Response unreadable(Throwable e) {
    Throwable root = e;
    List<String> path = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
      if (t.getMessage() != null) {
        Matcher property = PROPERTY.matcher(t.getMessage());
        if (property.find()
            && (path.isEmpty() || !path.get(path.size() - 1).equals(property.group(1)))) {
          path.add(property.group(1));
        }
      }
    }
    String reason = root.getMessage() == null ? "" : " (" + firstLine(root.getMessage()) + ")";
    if (path.isEmpty()) {
      return Problem.of(
              "unreadable-request",
              Response.Status.BAD_REQUEST,
              "The request body is not valid JSON of the expected shape" + reason + ".")
          .toResponse();
    }
    String field = String.join(".", path);
    return Problem.unreadable(
            field + ": not a value of the expected type" + reason + ".",
            List.of(new FieldError(field, "is not a value of the expected type" + reason + ".")))
        .toResponse();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** Statuses JAX-RS decided itself (unknown path 404, 405, 406, 415, ...), as problems. */
  @Provider
  public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      if (e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException) {
        return unreadable(e.getCause());
      }
      Response.StatusType status = original.getStatusInfo();
      String detail = e.getMessage() == null ? status.getReasonPhrase() : e.getMessage();
      if (status.getStatusCode() == 403) {
        detail = "Your role does not allow this.";
      } else if (detail.startsWith("HTTP " + status.getStatusCode())) {
        detail = explain(status.getStatusCode(), detail);
      }
      Response.ResponseBuilder builder =
          Response.fromResponse(original)
              .type(Problem.MEDIA_TYPE)
              .entity(
                  new Problem(
                      "urn:rappel:problem:http-" + status.getStatusCode(),
                      status.getReasonPhrase(),
                      status.getStatusCode(),
                      detail,
                      null));
      return builder.build();
    }
  }

  /** Refusals for a database that is busy or down: at most one line a minute of each kind. */
  private static final ThrottledLog REFUSALS =
      new ThrottledLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

  /** A lock wait or deadlock: {@link DatabaseFailures#isBusy}. */
  static boolean isTransientDatabaseConflict(Throwable e) {
    return DatabaseFailures.isBusy(e);
  }

  /** JAX-RS's own messages ("HTTP 404 Not Found") in words a client can act on. */
  static String explain(int status, String fallback) {
    return switch (status) {
      case 400 -> "The request body is missing or is not valid JSON.";
      case 404 -> "Nothing is found at this path.";
      case 405 -> "This path does not accept that method.";
      case 406 -> "This path answers only application/json.";
      case 415 -> "Send the body as application/json.";
      default -> fallback;
    };
  }

  @Provider
  public static class UnexpectedMapper implements ExceptionMapper<Exception> {
    @Override
    public Response toResponse(Exception e) {
      if (ConcurrentChange.isCauseOf(e)) {
        // a version race the use case did not see before its commit: the same answer as when it
        // did, never a server error
        LOG.log(Level.FINE, "Concurrent change refused with 409", e);
        return new ConflictMapper().toResponse(new ConcurrentChange("It"));
      }
      if (isTransientDatabaseConflict(e)) {
        // a lock wait or deadlock under load: nothing was written; the same request can succeed.
        // One line, no stack trace: under real overload a trace per refusal would add to it
        REFUSALS.warn(
            "busy",
            "Database busy; requests refused with 503: " + DatabaseFailures.rootMessage(e),
            null);
        return Response.fromResponse(
                Problem.of("busy", Response.Status.SERVICE_UNAVAILABLE, DatabaseBusy.TO_CALLER)
                    .toResponse())
            .header("Retry-After", "1")
            .build();
      }
      if (DatabaseFailures.isUnavailable(e)) {
        // the database is down or unreachable: not this request's fault, and readiness says so
        REFUSALS.warn(
            "unavailable",
            "Database unavailable; requests refused with 503: " + DatabaseFailures.rootMessage(e),
            null);
        return Response.fromResponse(
                Problem.of(
                        "unavailable",
                        Response.Status.SERVICE_UNAVAILABLE,
                        DatabaseUnavailable.TO_CALLER)
                    .toResponse())
            .header("Retry-After", "5")
            .build();
      }
      String reference = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, e);
      return Problem.of(
              "internal-error",
              Response.Status.INTERNAL_SERVER_ERROR,
              "The server failed unexpectedly; the log holds reference " + reference + ".")
          .toResponse();
    }
  }
}
