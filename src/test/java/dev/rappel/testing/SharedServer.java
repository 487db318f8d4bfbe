package dev.rappel.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class talks HTTP to a server of this test run that every class of the same {@link Clock}
 * shares, instead of a server of its own: a start costs 20 to 30 s, more than most classes' tests.
 * The server runs the built WAR plus test-only resources on the run's database, and the field
 * marked {@link Base} receives its address.
 *
 * <p>Sharing is safe because each test makes its own queues, agents, users and numbers and reads
 * its own data back by id, by queue or by name. On the {@link Clock#MOVABLE} server a test takes
 * the time from the server ({@code clock/advance?seconds=0}) rather than from the test JVM, since
 * an earlier class may have moved the server's clock on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(SharedServerExtension.class)
public @interface SharedServer {

  /** Which of the run's shared servers the class talks to. */
  Clock value() default Clock.MOVABLE;

  /** The shared servers, in the order their classes run; one runs at a time. */
  enum Clock {
    /**
     * A clock the tests move forward, engine steps and log capture: for tests of what happens hours
     * or days later.
     */
    MOVABLE,
    /**
     * The real clock, which a browser and the person in front of it share, and log capture: for the
     * browser tests.
     */
    REAL
  }

  /** A {@link java.net.URL} field that receives the server's base address, ending in {@code /}. */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface Base {}
}
