package dev.rappel.callback.boundary;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /callbacks}, for integrations; no {@code scheduledAt} means due now. */
public class CreateInput {
  public Long queueId;
  public String phoneNumber;
  public String customerName;

  /** RFC 3339 with an offset. */
  @Schema(description = "RFC 3339 with an offset; absent means due now", format = "date-time")
  public String scheduledAt;

  @Schema(description = "The customer's IANA zone id, e.g. America/New_York")
  public String timeZone;

  /** E.164 number shown to the customer. */
  public String callerId;

  public String callerIdName;
  public Long preferredAgentId;
  public Map<String, String> data;

  /**
   * The customer asked for this time although it is outside the queue's calling hours (only where
   * the queue allows it); recorded in the history.
   */
  public Boolean outsideHoursConsent;
}
