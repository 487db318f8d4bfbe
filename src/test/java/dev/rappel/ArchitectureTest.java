package dev.rappel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of the code, checked on every build: features form layers that depend only downwards,
 * inside a feature boundary → control → entity, and HTTP, servlet and Faces types stay in
 * boundaries.
 */
@AnalyzeClasses(packages = "dev.rappel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * Each feature's layer: a feature may depend on features of lower layers only, never on one of
   * its own layer or above.
   */
  static final Map<String, Integer> FEATURE_LAYERS =
      Map.ofEntries(
          Map.entry("platform", 0),
          Map.entry("phone", 1),
          Map.entry("audit", 1),
          Map.entry("agent", 2),
          Map.entry("backup", 2),
          Map.entry("compliance", 2),
          Map.entry("queue", 3),
          Map.entry("security", 3),
          Map.entry("interaction", 4),
          Map.entry("callback", 5),
          Map.entry("delivery", 6),
          Map.entry("selfservice", 6),
          Map.entry("events", 7),
          Map.entry("demo", 7),
          Map.entry("genesys", 7),
          Map.entry("privacy", 8));

  @ArchTest
  static final ArchRule features_are_free_of_cycles =
      slices().matching("dev.rappel.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule every_feature_has_a_layer =
      classes()
          .that()
          .resideInAPackage("dev.rappel.*..")
          .should(
              new ArchCondition<>("belong to a feature with a layer") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                  if (feature(item).map(f -> !FEATURE_LAYERS.containsKey(f)).orElse(false)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            item, item.getName() + " is in a feature without a layer"));
                  }
                }
              });

  @ArchTest
  static final ArchRule features_depend_only_on_lower_layers =
      classes()
          .that()
          .resideInAPackage("dev.rappel.*..")
          .should(
              new ArchCondition<>("depend only on features of lower layers") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                  Optional<String> from = feature(item);
                  if (from.isEmpty() || !FEATURE_LAYERS.containsKey(from.get())) {
                    return;
                  }
                  for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    Optional<String> to = feature(dependency.getTargetClass());
                    if (to.isEmpty() || to.equals(from) || !FEATURE_LAYERS.containsKey(to.get())) {
                      continue;
                    }
                    if (FEATURE_LAYERS.get(to.get()) >= FEATURE_LAYERS.get(from.get())) {
                      events.add(
                          SimpleConditionEvent.violated(
                              dependency,
                              "feature '"
                                  + from.get()
                                  + "' (layer "
                                  + FEATURE_LAYERS.get(from.get())
                                  + ") depends on '"
                                  + to.get()
                                  + "' (layer "
                                  + FEATURE_LAYERS.get(to.get())
                                  + "): "
                                  + dependency.getDescription()));
                    }
                  }
                }
              });

  @ArchTest
  static final ArchRule boundary_control_entity =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Boundary")
          .definedBy("dev.rappel.*.boundary..")
          .layer("Control")
          .definedBy("dev.rappel.*.control..")
          .layer("Entity")
          .definedBy("dev.rappel.*.entity..")
          .whereLayer("Boundary")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Control")
          .mayOnlyBeAccessedByLayers("Boundary")
          .whereLayer("Entity")
          .mayOnlyBeAccessedByLayers("Boundary", "Control");

  @ArchTest
  static final ArchRule http_servlet_and_faces_types_stay_in_boundaries =
      noClasses()
          .that()
          .resideInAnyPackage("dev.rappel.*.control..", "dev.rappel.*.entity..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "jakarta.servlet..",
              "jakarta.faces..",
              "jakarta.security.enterprise.authentication..",
              "org.primefaces..");

  @ArchTest
  static final ArchRule every_feature_class_is_in_boundary_control_or_entity =
      classes()
          .that()
          .resideInAPackage("dev.rappel.*..")
          .and()
          .doNotHaveSimpleName("package-info")
          .should()
          .resideInAnyPackage(
              "dev.rappel.*.boundary..", "dev.rappel.*.control..", "dev.rappel.*.entity..");

  /** The feature a class belongs to: the package right below {@code dev.rappel}. */
  static Optional<String> feature(JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith("dev.rappel.")) {
      return Optional.empty();
    }
    String rest = name.substring("dev.rappel.".length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }
}
