package dev.rappel.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records a logger publishes, kept instead of printed; {@link #detach()} gives it back. */
public final class CapturedLog extends Handler {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLog(Logger logger) {
    this.logger = logger;
  }

  /** Captures what {@code logger} publishes from now on, and nothing reaches its parents. */
  public static CapturedLog of(Logger logger) {
    CapturedLog captured = new CapturedLog(logger);
    logger.setUseParentHandlers(false);
    logger.addHandler(captured);
    return captured;
  }

  public List<LogRecord> records() {
    return records;
  }

  public void detach() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(true);
  }

  @Override
  public void publish(LogRecord entry) {
    records.add(entry);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
