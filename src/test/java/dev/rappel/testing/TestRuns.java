package dev.rappel.testing;

/**
 * Which run of the integration tests selects a test (pom.xml runs them once on embedded Derby and
 * once on PostgreSQL, each excluding the other run's tag): a test with neither tag runs in both. A
 * test is chosen for a run here, not skipped from inside, so every test a run reports has run.
 */
public final class TestRuns {

  /**
   * The Derby run only: the test is about the embedded database, or its subject does not depend on
   * the database (the browser tests) and one run is enough. The tagged test says which.
   */
  public static final String DERBY_ONLY = "derby-only";

  /** The PostgreSQL run only: several servers share one database. */
  public static final String POSTGRESQL_ONLY = "postgresql-only";

  private TestRuns() {}
}
