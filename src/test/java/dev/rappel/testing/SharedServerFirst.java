package dev.rappel.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes of each {@link SharedServer} together, those of the movable clock first, then
 * those of the real clock, then all others, each group by name (set in {@code
 * junit-platform.properties}). Their tests do not depend on order; the servers do: each starts
 * once, is stopped after the last of its classes ({@link SharedServerRelease}), and so never runs
 * beside another or while a later class empties or stops the PostgreSQL database it uses.
 */
public class SharedServerFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing(SharedServerFirst::group)
                .thenComparing(type -> type.getTestClass().getName()));
  }

  private static int group(ClassDescriptor type) {
    return type.findAnnotation(SharedServer.class)
        .map(shared -> shared.value().ordinal())
        .orElse(SharedServer.Clock.values().length);
  }
}
