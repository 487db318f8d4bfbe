package dev.rappel.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class talks HTTP to the one server of this test run that every such class shares,
 * instead of a server of its own: a start costs 20 to 30 s, more than most classes' tests. The
 * server runs the built WAR plus the test-only resources (a movable clock, engine steps, log
 * capture) on the run's database, and the field marked {@link Base} receives its address.
 *
 * <p>Sharing is safe because each test makes its own queues, agents and numbers, reads its own data
 * back by id or by queue, and takes the time from the server ({@code clock/advance?seconds=0})
 * rather than from the test JVM, since an earlier class may have moved the server's clock on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedServerExtension.class)
public @interface SharedServer {

  /** A {@link java.net.URL} field that receives the server's base address, ending in {@code /}. */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface Base {}
}
