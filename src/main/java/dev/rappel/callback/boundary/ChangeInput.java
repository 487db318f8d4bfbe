package dev.rappel.callback.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code PATCH /callbacks/{id}}, for the OpenAPI document only: the body is read as
 * JSON so that an explicit {@code "ownerAgentId": null} (release) differs from an absent one.
 */
@Schema(description = "Absent fields do not change; ownerAgentId null releases the ownership.")
public class ChangeInput {
  @Schema(description = "RFC 3339 with an offset", format = "date-time")
  public String scheduledAt;

  @Schema(description = "IANA zone id, e.g. Europe/Paris")
  public String timeZone;

  public Long queueId;

  @Schema(nullable = true)
  public Long ownerAgentId;

  /**
   * The customer asked for the new time although it is outside the queue's calling hours (only
   * where the queue allows it); recorded in the history.
   */
  public Boolean outsideHoursConsent;
}
