package org.tessera.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module boundaries of ARCHITECTURE.md and STYLE.md section 1, checked on the compiled
 * main classes of every module on this module's classpath (server sees them all).
 *
 * <p>No rule needs {@code allowEmptyShould}: a module without code yet still compiles its
 * {@code package-info} ({@code -Xpkginfo:always} in the parent pom), so every {@code that()}
 * selects something, and a misspelled package fails as "failed to check any classes" instead
 * of passing vacuously.
 */
class ArchitectureTest {

  /** The top package of each module. */
  private static final List<String> MODULES = List.of(
      "org.tessera.dicom",
      "org.tessera.archive",
      "org.tessera.dimse",
      "org.tessera.dicomweb",
      "org.tessera.nbia",
      "org.tessera.server");

  /** The protocol modules: thin translations onto archive-core that never call each other. */
  private static final List<String> PROTOCOLS = List.of(
      "org.tessera.dimse",
      "org.tessera.dicomweb",
      "org.tessera.nbia");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.tessera");
  }

  @Test
  void dicomToolkitDoesNotDependOnVertx() {
    noClasses().that().resideInAPackage("org.tessera.dicom..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .because("the DICOM toolkit is synchronous and Vert.x-free (STYLE.md 3)")
        .check(classes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  void noModuleUsesAnotherModulesInternals(String module) {
    noClasses().that().resideOutsideOfPackage(module + "..")
        .should().dependOnClassesThat().resideInAPackage(module + "..internal..")
        .because("a module's internal packages are private to it (STYLE.md 1)")
        .check(classes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void protocolModulesDoNotDependOnEachOther(String protocol) {
    String[] others = PROTOCOLS.stream()
        .filter(other -> !other.equals(protocol))
        .map(other -> other + "..")
        .toArray(String[]::new);
    noClasses().that().resideInAPackage(protocol + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("what protocol modules share lives in archive-core or dicom (ARCHITECTURE.md)")
        .check(classes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  void everyModuleIsImported(String module) {
    assertThat(classes.stream().map(JavaClass::getPackageName))
        .as("classes imported from %s", module)
        .anyMatch(name -> name.equals(module) || name.startsWith(module + "."));
  }

  static Stream<String> modules() {
    return MODULES.stream();
  }

  static Stream<String> protocols() {
    return PROTOCOLS.stream();
  }
}
