package dev.rappel.callback.boundary;

import dev.rappel.compliance.entity.ComplianceCheck;
import dev.rappel.compliance.entity.RuleResult;
import java.time.Instant;
import java.util.List;

/**
 * The evidence of the contact rules checked for one callback: at booking and before each dial, the
 * calling hours in the destination's zones, the do-not-call lookup and the contact cap's count,
 * with their results and what followed.
 */
public record ComplianceReport(long callbackId, List<Check> checks) {

  /** One check: when, at which stage, for which instant, in which zones, and what followed. */
  public record Check(
      Instant checkedAt,
      String stage,
      Instant checkedFor,
      String zones,
      String outcome,
      String actor,
      List<Rule> rules) {}

  /**
   * One rule's result: CALLING_HOURS, DO_NOT_CALL or CONTACT_CAP; PASSED, FAILED, OFF, CONSENTED.
   */
  public record Rule(String rule, String result, String detail) {
    static Rule of(String rule, RuleResult result) {
      return new Rule(rule, result.result(), result.detail());
    }
  }

  static ComplianceReport of(long callbackId, List<ComplianceCheck> checks) {
    return new ComplianceReport(
        callbackId,
        checks.stream()
            .map(
                c ->
                    new Check(
                        c.checkedAt(),
                        c.stage().name(),
                        c.checkedFor(),
                        c.zones(),
                        c.outcome().name(),
                        c.actor(),
                        List.of(
                            Rule.of("CALLING_HOURS", c.callingHours()),
                            Rule.of("DO_NOT_CALL", c.doNotCall()),
                            Rule.of("CONTACT_CAP", c.contactCap()))))
            .toList());
  }
}
