package dev.rappel.genesys.boundary;

import dev.rappel.platform.entity.FieldError;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Genesys Cloud's error body ({@code ErrorBody} of its Platform API): what its SDKs read from a
 * failed call. Field errors are listed in {@code errors}, each naming its field in {@code
 * messageParams.field}.
 */
@Schema(name = "GenesysError", description = "Genesys Cloud's ErrorBody")
public record GenesysError(
    String message,
    @Schema(description = "bad.request, bad.credentials, missing.permissions, not.found, ...")
        String code,
    int status,
    String messageWithParams,
    Map<String, String> messageParams,
    String contextId,
    List<String> details,
    List<Item> errors) {

  /** One field at fault. */
  @Schema(name = "GenesysErrorItem")
  public record Item(
      String message,
      String code,
      int status,
      String messageWithParams,
      Map<String, String> messageParams) {}

  /** Genesys' code for a status. */
  public static String code(int status) {
    return switch (status) {
      case 400, 422 -> "bad.request";
      case 401 -> "bad.credentials";
      case 403 -> "missing.permissions";
      case 404 -> "not.found";
      case 405 -> "method.not.allowed";
      case 406 -> "not.acceptable";
      case 409 -> "conflict";
      case 412 -> "precondition.failed";
      case 413 -> "request.entity.too.large";
      case 415 -> "unsupported.media.type";
      case 429 -> "too.many.requests";
      case 503 -> "service.unavailable";
      default -> status >= 500 ? "internal.server.error" : "bad.request";
    };
  }

  /** Genesys has no 422: a readable request that breaks a rule is a bad request there too. */
  public static int status(int status) {
    return status == 422 ? 400 : status;
  }

  /**
   * An error of these endpoints: Rappel's field names are given as the Genesys fields they came
   * from.
   */
  public static GenesysError of(int rappelStatus, String detail, List<FieldError> fieldErrors) {
    int status = status(rappelStatus);
    String code = code(status);
    List<Item> items =
        fieldErrors == null
            ? List.of()
            : fieldErrors.stream()
                .map(
                    e -> {
                      String field = genesysField(e.field());
                      String message = field + ": " + e.message();
                      return new Item(message, code, status, message, Map.of("field", field));
                    })
                .toList();
    String message =
        items.isEmpty() ? detail : String.join(" ", items.stream().map(Item::message).toList());
    return new GenesysError(
        message, code, status, message, Map.of(), UUID.randomUUID().toString(), List.of(), items);
  }

  /** The field of the Genesys request a field of Rappel's callback use cases came from. */
  static String genesysField(String rappelField) {
    return switch (rappelField) {
      case "phoneNumber" -> "callbackNumbers";
      case "scheduledAt" -> "callbackScheduledTime";
      case "customerName" -> "callbackUserName";
      case "preferredAgentId" -> "routingData.preferredAgentIds";
      case "ownerAgentId" -> "agentId";
      default -> rappelField;
    };
  }
}
