package dev.rappel.testing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops a {@link SharedServer} as soon as the last class of the run that shares it has finished or
 * was skipped (registered through {@code META-INF/services}): the next shared server, the fault and
 * the cluster tests then run without an idle server beside them, and on PostgreSQL they may empty
 * or stop the database.
 */
public class SharedServerRelease implements TestExecutionListener {
  private final Map<SharedServer.Clock, Set<String>> waiting =
      new EnumMap<>(SharedServer.Clock.class);

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    for (SharedServer.Clock clock : SharedServer.Clock.values()) {
      waiting.put(clock, ConcurrentHashMap.newKeySet());
    }
    plan.getRoots().stream()
        .flatMap(root -> plan.getDescendants(root).stream())
        .forEach(id -> clockOf(id).ifPresent(clock -> waiting.get(clock).add(id.getUniqueId())));
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    done(id);
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    done(id);
  }

  private void done(TestIdentifier id) {
    clockOf(id)
        .ifPresent(
            clock -> {
              Set<String> classes = waiting.get(clock);
              if (classes.remove(id.getUniqueId()) && classes.isEmpty()) {
                try {
                  SharedServerExtension.release(clock);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
  }

  private static Optional<SharedServer.Clock> clockOf(TestIdentifier id) {
    return id.getSource()
        .filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getJavaClass())
        .map(type -> type.getAnnotation(SharedServer.class))
        .map(SharedServer::value);
  }
}
