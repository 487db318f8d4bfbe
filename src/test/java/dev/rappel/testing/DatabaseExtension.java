package dev.rappel.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (ServiceLoader, see {@code junit-platform.properties}); acts only
 * in the PostgreSQL run. There it empties the schema before each class, ahead of the Arquillian
 * extension, so each class's server migrates a fresh database as it does on Derby; the classes of
 * the {@link SharedServer} are left alone, since their server emptied it once before it started. A
 * developer without PostgreSQL gets the classes skipped with the reason; CI never skips: with
 * {@code CI=true} an unreachable database fails the class.
 */
public class DatabaseExtension implements ExecutionCondition, BeforeAllCallback {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!TestDatabase.isPostgresql() || context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("database " + TestDatabase.name());
    }
    return TestDatabase.unreachable()
        .filter(reason -> !"true".equals(System.getenv("CI")))
        .map(
            reason ->
                ConditionEvaluationResult.disabled(
                    "PostgreSQL run skipped: "
                        + TestDatabase.where()
                        + " does not answer ("
                        + reason
                        + "). Run .ci/postgresql as root to install and start it (see README,"
                        + " Tests)."))
        .orElse(ConditionEvaluationResult.enabled("PostgreSQL at " + TestDatabase.where()));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // the shared server's database is emptied once, before that server starts
    if (TestDatabase.isPostgresql()
        && !context.getRequiredTestClass().isAnnotationPresent(SharedServer.class)) {
      TestDatabase.empty();
    }
  }
}
