package dev.rappel.callback.boundary;

import dev.rappel.compliance.control.ComplianceChecks;
import dev.rappel.platform.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** The compliance evidence of a callback, for whoever may see the callback. */
@Stateless
public class ComplianceReports {

  @Inject Callbacks callbacks;

  @Inject ComplianceChecks checks;

  public ComplianceReport of(long callbackId, Caller caller) {
    callbacks.find(callbackId, caller); // 404 or 403 as for the callback itself
    return ComplianceReport.of(callbackId, checks.of(callbackId));
  }
}
