package dev.rappel.platform.entity;

import java.util.List;

/**
 * A time the rules do not allow (calling hours, contact cap), with the nearest allowed instants,
 * nearest first: answered with 422 and {@code suggestedAt}.
 */
public class RefusedTime extends RuleViolation {
  private final List<SuggestedTime> suggestedAt;

  public RefusedTime(String field, String message, List<SuggestedTime> suggestedAt) {
    super(field, message);
    this.suggestedAt = List.copyOf(suggestedAt);
  }

  public List<SuggestedTime> suggestedAt() {
    return suggestedAt;
  }
}
