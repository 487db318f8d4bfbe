package dev.rappel.platform.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara's connection pool logs three warnings for every connection it fails to open: while the
 * database is down, about 2,200 a minute per instance (6,000 lines), which bury everything else.
 * Rappel reports a database that is down or busy itself, at most once a minute per kind and with
 * its cause (the readiness check, the refused requests, the engine's ticks), so those three loggers
 * log SEVERE only, unless the operator gave one of them a level of its own in Payara's logging
 * properties.
 */
public final class PoolLogging {

  static final List<String> FAILED_CONNECTION_LOGGERS =
      List.of(
          "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator",
          "javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors",
          "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi");

  // java.util.logging holds loggers weakly: one collected before the pool first uses it would
  // come back without the level set here
  private static final List<Logger> QUIETED = new CopyOnWriteArrayList<>();

  private PoolLogging() {}

  /** Sets SEVERE on each of those loggers that has no level of its own; later calls change none. */
  public static void quietFailedConnections() {
    for (String name : FAILED_CONNECTION_LOGGERS) {
      Logger logger = Logger.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.SEVERE);
        QUIETED.add(logger);
      }
    }
  }
}
