package org.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules (README, "Layout"): app → ui, cli → policy → kea, sw, store → model.
 * Policy is the only door: the screens and the commands see policy and model, never Kea, the switch or the cache.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.gatehouse");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("app").definedBy("org.gatehouse.app..")
                .layer("ui").definedBy("org.gatehouse.ui..")
                .layer("cli").definedBy("org.gatehouse.cli..")
                .layer("policy").definedBy("org.gatehouse.policy..")
                .layer("kea").definedBy("org.gatehouse.kea..")
                .layer("sw").definedBy("org.gatehouse.sw..")
                .layer("store").definedBy("org.gatehouse.store..")
                .layer("secrets").definedBy("org.gatehouse.secrets..")
                .layer("ssh").definedBy("org.gatehouse.ssh..")
                .layer("model").definedBy("org.gatehouse.model..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("app", "ui", "cli")
                .whereLayer("kea").mayOnlyBeAccessedByLayers("app", "policy")
                .whereLayer("sw").mayOnlyBeAccessedByLayers("app", "policy")
                .whereLayer("store").mayOnlyBeAccessedByLayers("app", "policy")
                .whereLayer("secrets").mayOnlyBeAccessedByLayers("app", "policy")
                .whereLayer("ssh").mayOnlyBeAccessedByLayers("app", "kea", "sw")
                .check(classes);
    }

    @Test
    void screensAndCommandsUseOnlyPolicyAndModel() {
        noClasses().that().resideInAnyPackage("org.gatehouse.ui..", "org.gatehouse.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.gatehouse.kea..", "org.gatehouse.sw..", "org.gatehouse.store..", "org.gatehouse.ssh..", "org.gatehouse.secrets..")
                .check(classes);
    }

    @Test
    void onlyTheCliPrinterUsesJackson() {
        noClasses().that().resideInAnyPackage("org.gatehouse.ui..", "org.gatehouse.cli..")
                .and().doNotHaveFullyQualifiedName("org.gatehouse.cli.Printer")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
                .because("JSON is policy's business; the CLI only prints it")
                .check(classes);
    }

    @Test
    void nothingBelowTheUiImportsJavaFx() {
        noClasses().that().resideOutsideOfPackages("org.gatehouse.ui..", "org.gatehouse.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..", "org.kordamp..")
                .check(classes);
    }

    @Test
    void theLauncherIsNotAJavaFxApplication() {
        noClasses().that().haveFullyQualifiedName("org.gatehouse.app.Main")
                .should().beAssignableTo("javafx.application.Application").check(classes);
    }

    @Test
    void viewModelsDoNoIo() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("java.net..", "java.sql..", "java.nio.channels..",
                        "org.gatehouse.kea..", "org.gatehouse.store..", "org.gatehouse.sw..")
                .check(classes);
    }
}
