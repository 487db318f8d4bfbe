package dev.rappel.compliance.entity;

import dev.rappel.platform.entity.IdBlock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The evidence of one check of a callback against the rules, at booking or before a dial: what was
 * checked, in which zones, each rule's result and what followed. Kept with the callback's id only
 * (not a reference), so the rules stay below the callbacks they judge.
 */
@Entity
@Table(name = "compliance_check")
@NamedQuery(
    name = ComplianceCheck.OF_CALLBACK,
    query =
        "SELECT c FROM ComplianceCheck c WHERE c.callbackId = :callback ORDER BY c.checkedAt, c.id")
public class ComplianceCheck {
  public static final String OF_CALLBACK = "ComplianceCheck.ofCallback";
  private static final int MAX = 500;

  public enum Stage {
    BOOKING,
    DIAL
  }

  @Id
  // from a sequence in blocks: identity values are a point of contention under concurrent inserts
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "compliance_check_ids")
  @SequenceGenerator(
      name = "compliance_check_ids",
      sequenceName = "compliance_check_seq",
      allocationSize = IdBlock.SIZE)
  private Long id;

  @Column(name = "callback_id")
  private long callbackId;

  @Column(name = "checked_at")
  private Instant checkedAt;

  @Enumerated(EnumType.STRING)
  private Stage stage;

  @Column(name = "checked_for")
  private Instant checkedFor;

  @Enumerated(EnumType.STRING)
  private Verdict.Outcome outcome;

  private String zones;

  @Column(name = "calling_hours")
  private String callingHours;

  @Column(name = "calling_hours_detail")
  private String callingHoursDetail;

  private String dnc;

  @Column(name = "dnc_detail")
  private String dncDetail;

  @Column(name = "contact_cap")
  private String contactCap;

  @Column(name = "contact_cap_detail")
  private String contactCapDetail;

  private String actor;

  protected ComplianceCheck() {}

  public ComplianceCheck(
      long callbackId, Stage stage, Verdict verdict, Instant checkedAt, String actor) {
    this.callbackId = callbackId;
    this.stage = stage;
    this.checkedAt = checkedAt;
    this.checkedFor = verdict.checkedFor();
    this.outcome = verdict.outcome();
    this.zones = cut(verdict.destination().describe() + " (" + verdict.destination().basis() + ")");
    this.callingHours = verdict.callingHours().result();
    this.callingHoursDetail = cut(verdict.callingHours().detail());
    this.dnc = verdict.doNotCall().result();
    this.dncDetail = cut(verdict.doNotCall().detail());
    this.contactCap = verdict.contactCap().result();
    this.contactCapDetail = cut(verdict.contactCap().detail());
    this.actor = actor;
  }

  private static String cut(String text) {
    return text != null && text.length() > MAX ? text.substring(0, MAX) : text;
  }

  public Instant checkedAt() {
    return checkedAt;
  }

  public Stage stage() {
    return stage;
  }

  public Instant checkedFor() {
    return checkedFor;
  }

  public Verdict.Outcome outcome() {
    return outcome;
  }

  public String zones() {
    return zones;
  }

  public RuleResult callingHours() {
    return new RuleResult(callingHours, callingHoursDetail);
  }

  public RuleResult doNotCall() {
    return new RuleResult(dnc, dncDetail);
  }

  public RuleResult contactCap() {
    return new RuleResult(contactCap, contactCapDetail);
  }

  public String actor() {
    return actor;
  }
}
