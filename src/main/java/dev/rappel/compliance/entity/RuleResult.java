package dev.rappel.compliance.entity;

/** One rule's answer for one check: {@code PASSED}, {@code FAILED} or {@code OFF}, and why. */
public record RuleResult(String result, String detail) {
  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";
  public static final String OFF = "OFF";
  public static final String CONSENTED = "CONSENTED";

  public boolean failed() {
    return FAILED.equals(result);
  }
}
