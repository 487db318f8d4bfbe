package dev.rappel.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes of the {@link SharedServer} before all others (each group by name; set in {@code
 * junit-platform.properties}). Their tests do not depend on order; the server does: it starts once,
 * is stopped after the last of them ({@link SharedServerRelease}), and so never runs while a later
 * class empties or stops the PostgreSQL database it uses.
 */
public class SharedServerFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing((ClassDescriptor type) -> !type.isAnnotated(SharedServer.class))
                .thenComparing(type -> type.getTestClass().getName()));
  }
}
