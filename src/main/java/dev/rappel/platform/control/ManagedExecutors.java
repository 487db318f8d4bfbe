package dev.rappel.platform.control;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's default managed executors, looked up by name on first use. Field injection with
 * {@code @Resource} left them null in CDI beans first created on an EJB timer thread, so the
 * engine's beans ask here instead.
 */
@ApplicationScoped
public class ManagedExecutors {
  private volatile ManagedExecutorService executor;
  private volatile ManagedScheduledExecutorService scheduler;
  private volatile ManagedThreadFactory threadFactory;

  public ManagedExecutorService executor() {
    if (executor == null) {
      executor =
          lookup(
              ManagedExecutorService.class,
              "java:comp/DefaultManagedExecutorService",
              "concurrent/__defaultManagedExecutorService");
    }
    return executor;
  }

  public ManagedScheduledExecutorService scheduler() {
    if (scheduler == null) {
      scheduler =
          lookup(
              ManagedScheduledExecutorService.class,
              "java:comp/DefaultManagedScheduledExecutorService",
              "concurrent/__defaultManagedScheduledExecutorService");
    }
    return scheduler;
  }

  /** For pools of the application's own, whose threads may block (writes to slow clients). */
  public ManagedThreadFactory threadFactory() {
    if (threadFactory == null) {
      threadFactory =
          lookup(
              ManagedThreadFactory.class,
              "java:comp/DefaultManagedThreadFactory",
              "concurrent/__defaultManagedThreadFactory");
    }
    return threadFactory;
  }

  private static <T> T lookup(Class<T> type, String... names) {
    NamingException last = null;
    for (String name : names) {
      try {
        return type.cast(InitialContext.doLookup(name));
      } catch (NamingException e) {
        last = e;
      }
    }
    throw new IllegalStateException("No " + type.getSimpleName() + " in JNDI", last);
  }
}
