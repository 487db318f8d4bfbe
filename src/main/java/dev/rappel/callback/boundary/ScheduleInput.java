package dev.rappel.callback.boundary;

/**
 * Body of {@code POST /interactions/{id}/callback}; every field is optional and defaults by the
 * product's rules (today, now + 30 minutes, the caller's number, the interaction's queue).
 */
public class ScheduleInput {
  /** YYYY-MM-DD in the customer's zone (or the agent's). */
  public String date;

  /** HH:mm in the customer's zone (or the agent's). */
  public String time;

  /** The customer's IANA zone. */
  public String timeZone;

  public String phoneNumber;
  public Long queueId;
  public Boolean routeToMe;
  public Boolean takeOwnership;
  public String notes;
}
