package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolLoggingTest {
  private static final String ALLOCATOR = PoolLogging.FAILED_CONNECTION_LOGGERS.get(0);
  private static final String CONNECTORS = PoolLogging.FAILED_CONNECTION_LOGGERS.get(1);

  @AfterEach
  void reset() {
    PoolLogging.FAILED_CONNECTION_LOGGERS.forEach(name -> Logger.getLogger(name).setLevel(null));
  }

  @Test
  void the_pools_connection_failures_are_logged_only_when_severe() {
    PoolLogging.quietFailedConnections();

    Logger allocator = Logger.getLogger(ALLOCATOR);
    assertThat(allocator.isLoggable(Level.WARNING)).isFalse();
    assertThat(allocator.isLoggable(Level.SEVERE)).isTrue();
  }

  @Test
  void a_level_the_operator_set_is_kept() {
    Logger connectors = Logger.getLogger(CONNECTORS);
    connectors.setLevel(Level.FINE);

    PoolLogging.quietFailedConnections();

    assertThat(connectors.getLevel()).isEqualTo(Level.FINE);
    assertThat(Logger.getLogger(ALLOCATOR).getLevel()).isEqualTo(Level.SEVERE);
  }
}
