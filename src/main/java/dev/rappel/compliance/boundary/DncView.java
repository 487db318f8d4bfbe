package dev.rappel.compliance.boundary;

import dev.rappel.compliance.entity.DncEntry;
import java.time.Instant;

/** A do-not-call entry as the API shows it. */
public record DncView(
    String phoneNumber, String reason, Instant expiresAt, Instant createdAt, String createdBy) {

  public static DncView of(DncEntry entry) {
    return new DncView(
        entry.phoneNumber(),
        entry.reason().orElse(null),
        entry.expiresAt().orElse(null),
        entry.createdAt(),
        entry.createdBy());
  }

  /** Body of {@code POST /dnc}. */
  public static class Input {
    public String phoneNumber;
    public String reason;
    public String expiresAt;
  }

  /** A page of the list. */
  public record Page(java.util.List<DncView> items, long total, int page, int size) {}
}
