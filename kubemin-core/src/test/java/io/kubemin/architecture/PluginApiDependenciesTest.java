package io.kubemin.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What a plugin author compiles against stays small: the SPI, the model, the workflow types, the
 * trait API, the plan previews an executor returns and the shared exceptions depend on nothing else
 * of KubeMin, so a plugin's compile path does not drag in the engine, and no engine change can leak
 * into that API by accident.
 */
class PluginApiDependenciesTest {
  private static final String[] PLUGIN_API = {
    "io.kubemin.spi",
    "io.kubemin.model",
    "io.kubemin.workflow",
    "io.kubemin.trait",
    "io.kubemin.error",
    "io.kubemin.plan"
  };

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.kubemin");

  @Test
  void thePluginApiDependsOnlyOnItselfAndThirdPartyLibraries() {
    classes()
        .that()
        .resideInAnyPackage(PLUGIN_API)
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("io.kubemin..").or(resideInAnyPackage(PLUGIN_API)))
        .check(CORE);
  }

  @Test
  void noPublicPackageDependsOnTheEngineFacadeExceptTheFacadeItself() {
    noClasses()
        .that()
        .resideInAnyPackage(PLUGIN_API)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.kubemin", "..internal..")
        .check(CORE);
  }

  @Test
  void onlyTheTracingEntryPointAndItsBridgeTouchOpenTelemetry() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.kubemin.tracing", "io.kubemin.internal.trace.otel")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.opentelemetry..")
        .check(CORE);
  }

  @Test
  void internalCodeNeverReadsThePublicBuilder() {
    noClasses()
        .that()
        .resideInAPackage("..internal..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kubemin.KubeMinBuilder")
        .check(CORE);
  }
}
