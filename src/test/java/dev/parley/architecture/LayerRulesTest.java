package dev.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md section 1, enforced on the production classes. */
class LayerRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    @Test
    void protocolKnowsNothingOfOurs() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.parley.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.parley.server..", "dev.parley.engine..", "dev.parley.app..",
                        "org.java_websocket..", "dev.onvoid..", "javafx..", "org.slf4j..");
        rule.check(classes);
    }

    @Test
    void serverImportsNoEngineAppWebrtcOrJavaFx() {
        noClasses().that().resideInAPackage("dev.parley.server..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.parley.engine..", "dev.parley.app..", "dev.onvoid..", "javafx..")
                .check(classes);
    }

    @Test
    void engineImportsNoJavaFxAndNoServer() {
        noClasses().that().resideInAPackage("dev.parley.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.app..", "javafx..")
                .check(classes);
    }

    @Test
    void publicEngineApiDoesNotReachIntoItsInternals() {
        noClasses().that().resideInAPackage("dev.parley.engine")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.engine.internal..",
                        "org.java_websocket..", "dev.onvoid..")
                .check(classes);
    }

    @Test
    void appNeverReachesIntoEngineInternals() {
        noClasses().that().resideInAPackage("dev.parley.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.engine.internal..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
