package dev.rappel.platform.boundary;

import dev.rappel.platform.control.DatabaseMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live means the application is deployed and its schema could be migrated: a failed migration will
 * not heal by waiting, while a database that is briefly unreachable only makes the server not ready
 * (see {@link ReadinessCheck}), so it is not restarted for nothing. The check's presence in {@code
 * /health/live} matters as much as its status: Payara Micro answers "UP" with no checks when the
 * deployment failed, so probes should look for this check by name ({@code rappel}).
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

  @Inject DatabaseMigration migration;

  @Override
  public HealthCheckResponse call() {
    Runtime runtime = Runtime.getRuntime();
    long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    var failure = migration.failure();
    return HealthCheckResponse.named("rappel")
        .status(failure.isEmpty())
        .withData(
            "migration",
            // the failure's text may name database internals: it is in the log, not here
            failure.isPresent()
                ? "failed; see the server log"
                : migration.isMigrated() ? "up to date" : "waiting for the database")
        .withData("heapUsedMb", usedMb)
        .withData("heapMaxMb", runtime.maxMemory() / (1024 * 1024))
        .build();
  }
}
