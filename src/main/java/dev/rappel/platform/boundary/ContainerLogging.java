package dev.rappel.platform.boundary;

import dev.rappel.platform.control.ContainerFailureLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;

/** Sets {@link ContainerFailureLog} on the EJB container's logger while the application runs. */
@Startup
@Singleton
public class ContainerLogging {

  @Inject Clock clock;

  private ContainerFailureLog filter;

  @PostConstruct
  void install() {
    filter = ContainerFailureLog.install(clock);
  }

  @PreDestroy
  void uninstall() {
    filter.uninstall();
  }
}
