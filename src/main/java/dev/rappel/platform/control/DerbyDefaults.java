package dev.rappel.platform.control;

import java.util.Map;

/**
 * The Derby settings Rappel changes from Derby's own defaults, each unless the operator set it (a
 * JVM system property, e.g. {@code -Dderby.storage.logBufferSize=…}). Derby reads them once, when
 * it opens the database, so they are set before the application's first connection; on PostgreSQL
 * they are inert.
 */
public final class DerbyDefaults {

  /**
   * Derby writes its transaction log buffer to disk, synchronously, each time the buffer fills. At
   * its default of 32 KiB a delivery batch of 500 callbacks (about 300 KB of log) waited for about
   * ten such writes instead of one at commit; 1 MiB holds a batch. Derby keeps three buffers, so
   * this costs 3 MiB of heap.
   */
  static final Map<String, String> SETTINGS =
      Map.of("derby.storage.logBufferSize", String.valueOf(1 << 20));

  private DerbyDefaults() {}

  /** Sets each default the JVM does not set already; later calls change nothing. */
  public static void apply() {
    SETTINGS.forEach(
        (name, value) -> {
          if (System.getProperty(name) == null) {
            System.setProperty(name, value);
          }
        });
  }
}
