package dev.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of docs/architecture.md, enforced on the production classes. */
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

    @Test
    void publicEngineSignaturesNameNoProtocolOrInternalType() {
        classes().that().resideInAPackage("dev.parley.engine").and().arePublic()
                .should(nameOnlyPublicTypes())
                .because("an app sees the SDK's own types only; the engine maps the wire's types at its edge, "
                        + "so the protocol can change without breaking apps")
                .check(classes);
    }

    /** No public or protected member, supertype or record component mentions a protocol or internal type. */
    private static ArchCondition<JavaClass> nameOnlyPublicTypes() {
        return new ArchCondition<>("name no protocol or engine.internal type in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> where = new ArrayList<>();
                List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
                type.getSuperclass().ifPresent(supertypes::add);
                supertypes.forEach(t -> inspect(t, type.getName() + " supertype", where));
                for (JavaMember member : type.getMembers()) {
                    boolean exposed = member.getModifiers().contains(JavaModifier.PUBLIC)
                            || member.getModifiers().contains(JavaModifier.PROTECTED);
                    if (!exposed || member.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        inspect(field.getType(), field.getFullName(), where);
                    } else if (member instanceof JavaCodeUnit code) {
                        inspect(code.getReturnType(), code.getFullName(), where);
                        code.getParameterTypes().forEach(t -> inspect(t, code.getFullName(), where));
                        code.getExceptionTypes().forEach(t -> inspect(t, code.getFullName(), where));
                    }
                }
                for (String hit : where) {
                    events.add(SimpleConditionEvent.violated(type, hit));
                }
            }
        };
    }

    private static void inspect(JavaType type, String where, List<String> hits) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            String pkg = raw.getPackageName();
            if (pkg.startsWith("dev.parley.protocol") || pkg.startsWith("dev.parley.engine.internal")) {
                hits.add(where + " names " + raw.getName());
            }
        }
    }
}
