package dev.parley.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public SDK is what {@code public-api.txt} (next to this test's resources) lists, so that
 * every change to it is deliberate: a changed signature fails here until the listing is updated
 * in the same change. On a mismatch the listing of the code as built is written to
 * {@code target/public-api.txt}; compare the two, and copy it over if the change is meant.
 */
class PublicApiTest {
    private static final String PACKAGE = "dev.parley.engine";
    private static final String LISTING = "public-api.txt";

    @Test
    void publicSignaturesMatchTheCheckedInListing() throws IOException {
        String actual = listing();
        String expected;
        try (InputStream in = PublicApiTest.class.getResourceAsStream(LISTING)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            Path written = Path.of("target", LISTING);
            Files.createDirectories(written.getParent());
            Files.writeString(written, actual);
            assertEquals(expected, actual, "the public API of " + PACKAGE + " changed; the listing as built is in "
                    + written.toAbsolutePath() + " (copy it to src/test/resources/dev/parley/architecture/" + LISTING
                    + " if the change is meant)");
        }
    }

    /** Every public type of the package with its public and protected members, one per line, sorted. */
    static String listing() {
        List<Class<?>> types = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PACKAGE).stream()
                .filter(c -> c.getPackageName().equals(PACKAGE))
                .map(JavaClass::reflect)
                .filter(PublicApiTest::visible)
                .sorted(Comparator.comparing(Class::getName))
                .collect(Collectors.toList());
        StringBuilder out = new StringBuilder();
        for (Class<?> type : types) {
            out.append(header(type)).append('\n');
            List<String> members = new ArrayList<>();
            Stream.of(type.getDeclaredConstructors()).filter(PublicApiTest::visible)
                    .map(Constructor::toGenericString).forEach(members::add);
            Stream.of(type.getDeclaredMethods()).filter(m -> visible(m) && !m.isSynthetic() && !m.isBridge())
                    .map(Method::toGenericString).forEach(members::add);
            Stream.of(type.getDeclaredFields()).filter(f -> visible(f) && !f.isSynthetic())
                    .map(Field::toGenericString).forEach(members::add);
            members.stream().sorted().forEach(m -> out.append("  ").append(m).append('\n'));
        }
        return out.toString();
    }

    /** A public type, or a nested type that every enclosing type makes reachable. */
    private static boolean visible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member member) {
        int modifiers = member.getModifiers();
        boolean exposed = Modifier.isPublic(modifiers)
                || Modifier.isProtected(modifiers) && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
        return exposed && !member.isSynthetic();
    }

    private static String header(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        int modifiers = type.getModifiers() & ~Modifier.INTERFACE & ~(type.isInterface() ? Modifier.ABSTRACT : 0);
        String mods = Modifier.toString(modifiers);
        StringBuilder line = new StringBuilder(mods.isEmpty() ? "" : mods + " ").append(kind).append(' ')
                .append(type.getName());
        if (type.getGenericSuperclass() != null && !type.isEnum() && !type.isRecord()
                && type.getGenericSuperclass() != Object.class) {
            line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName)
                            .collect(Collectors.joining(", ")));
        }
        return line.toString();
    }
}
