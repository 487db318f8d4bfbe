package dev.rappel.genesys.boundary;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request and answer bodies of Genesys Cloud's callback endpoints, as its Platform API
 * reference and SDK models define them ({@code CreateCallbackCommand}, {@code RoutingData}, {@code
 * CreateCallbackResponse}, {@code PatchCallbackRequest}, {@code BulkCallbackPatchRequest}, {@code
 * BulkCallbackDisconnectRequest}, ...). Fields Rappel has no use for are read and ignored.
 */
public final class GenesysShapes {
  // list fields carry comments, not @Schema descriptions: Payara then documents an array of arrays

  private GenesysShapes() {}

  @Schema(name = "GenesysCreateCallbackCommand")
  public static class CreateCallbackCommand {
    @Schema(description = "Ignored")
    public String scriptId;

    @Schema(description = "The queue: its externalId or Rappel id; or routingData.queueId")
    public String queueId;

    public RoutingData routingData;

    @Schema(description = "The customer's name; absent: the dialled number")
    public String callbackUserName;

    // the first valid number is dialled; the others are kept in data.otherCallbackNumbers
    public List<String> callbackNumbers;

    @Schema(description = "ISO-8601 instant, e.g. 2026-12-01T14:00:00.000Z; absent: due now")
    public String callbackScheduledTime;

    @Schema(description = "Region of numbers without +: ISO country (US) or calling code (+1)")
    public String countryCode;

    @Schema(description = "Ignored: numbers are always validated")
    public Boolean validateCallbackNumbers;

    public Map<String, String> data;

    @Schema(description = "E.164 number shown to the customer")
    public String callerId;

    public String callerIdName;
  }

  @Schema(name = "GenesysRoutingData")
  public static class RoutingData {
    public String queueId;

    @Schema(description = "Ignored")
    public String languageId;

    @Schema(description = "Ignored")
    public String label;

    @Schema(description = "Ignored: Rappel routes callbacks by time, not priority")
    public Integer priority;

    // Ignored
    public List<String> skillIds;

    // The first is the preferred agent (externalId or Rappel id)
    public List<String> preferredAgentIds;

    // Without preferredAgentIds, the best scored agent is preferred
    public List<ScoredAgent> scoredAgents;

    // AGENT_OWNED_CALLBACK: the preferred agent owns the callback
    public List<String> routingFlags;
  }

  @Schema(name = "GenesysScoredAgent")
  public static class ScoredAgent {
    public EntityRef agent;
    public Integer score;
  }

  @Schema(name = "GenesysEntityRef")
  public static class EntityRef {
    public String id;
    public String selfUri;
  }

  @Schema(name = "GenesysPatchCallbackRequest")
  public static class PatchCallbackRequest {
    @Schema(description = "conversation.id of the create", required = true)
    public String conversationId;

    @Schema(description = "Move to this queue (externalId or Rappel id)")
    public String queueId;

    @Schema(description = "Give the callback to this agent as owner (externalId or Rappel id)")
    public String agentId;

    @Schema(description = "Reschedule to this ISO-8601 instant")
    public String callbackScheduledTime;
  }

  @Schema(name = "GenesysBulkCallbackPatchRequest")
  public static class BulkCallbackPatchRequest {
    public List<PatchCallbackRequest> patchCallbackRequests;
  }

  @Schema(name = "GenesysCallbackDisconnectIdentifier")
  public static class CallbackDisconnectIdentifier {
    public String conversationId;

    @Schema(description = "The same id as conversationId here; either one is enough")
    public String callbackId;
  }

  @Schema(name = "GenesysBulkCallbackDisconnectRequest")
  public static class BulkCallbackDisconnectRequest {
    public List<CallbackDisconnectIdentifier> callbackDisconnectIdentifiers;
  }

  @Schema(name = "GenesysDomainEntityRef")
  public record DomainEntityRef(String id, String selfUri) {}

  @Schema(name = "GenesysCallbackIdentifier")
  public record CallbackIdentifier(String type, String id) {}

  /**
   * The answer to a create or an update ({@code CreateCallbackResponse}, {@code PatchCallback...}).
   */
  @Schema(name = "GenesysCallbackResponse")
  public record CallbackResponse(
      DomainEntityRef conversation, List<CallbackIdentifier> callbackIdentifiers) {}

  @Schema(name = "GenesysBulkError")
  public record BulkError(String message, String code) {}

  @Schema(name = "GenesysBulkResult")
  public record BulkResult(
      @jakarta.json.bind.annotation.JsonbNillable(false) BulkError error,
      @jakarta.json.bind.annotation.JsonbNillable(false) CallbackResponse entity) {}

  @Schema(name = "GenesysBulkCallbackResponse")
  public record BulkResponse(
      List<BulkResult> results, int errorCount, List<Integer> errorIndexes) {}
}
