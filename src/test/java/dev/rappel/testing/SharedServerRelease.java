package dev.rappel.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the {@link SharedServer} as soon as the last class of the run that shares it has finished
 * or was skipped (registered through {@code META-INF/services}): the fault and cluster tests then
 * run without an idle server beside them, and on PostgreSQL they may empty or stop the database.
 */
public class SharedServerRelease implements TestExecutionListener {
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    plan.getRoots().stream()
        .flatMap(root -> plan.getDescendants(root).stream())
        .filter(SharedServerRelease::sharesTheServer)
        .forEach(id -> waiting.add(id.getUniqueId()));
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
    if (waiting.remove(id.getUniqueId()) && waiting.isEmpty()) {
      try {
        SharedServerExtension.release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean sharesTheServer(TestIdentifier id) {
    return id.getSource()
        .filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getJavaClass())
        .filter(type -> type.isAnnotationPresent(SharedServer.class))
        .isPresent();
  }
}
