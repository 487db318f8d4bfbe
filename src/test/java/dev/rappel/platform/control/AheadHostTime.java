package dev.rappel.platform.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;

/**
 * Test-only: the server's time source on a host whose clock runs {@code rappel.test.host-ahead} (an
 * ISO-8601 duration, a JVM system property) ahead of the real time, and of the database's.
 * Everything the application reads of the time comes from {@link DatabaseTime}'s host clock, so
 * this is a wrong host clock as the application sees it; only the cluster test's WAR for one node
 * contains it. (libfaketime, which moves the clock of the whole process, leaves the JVM spinning in
 * its timed waits on this machine: Payara did not finish starting in 6 minutes under it.)
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class AheadHostTime extends DatabaseTime {
  public static final String PROPERTY = "rappel.test.host-ahead";

  public AheadHostTime() {
    host =
        Clock.offset(
            Clock.systemUTC(),
            Duration.parse(System.getProperty(PROPERTY, Duration.ZERO.toString())));
  }
}
