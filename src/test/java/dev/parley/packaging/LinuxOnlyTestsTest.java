package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code src/test/resources/linux-only-tests.txt}, the tests the release workflow leaves out on
 * Windows and macOS, lists every test class that reaches, directly or through other test code, a
 * helper of the Linux test setup; and each line names a test class that exists.
 */
class LinuxOnlyTestsTest {
    /** The helpers that need the namespace, Janus, coturn, Redis, PulseAudio or Chromium. */
    private static final Set<String> LINUX_HELPERS = Set.of("dev.parley.testing.MediaNetwork",
            "dev.parley.testing.TestJanus", "dev.parley.testing.TestCoturn", "dev.parley.testing.TestRedis",
            "dev.parley.testing.SoundServer", "dev.parley.interop.Chromium");

    private static Set<String> listed() {
        Set<String> classes = new TreeSet<>();
        for (String line : ProjectFiles.read("src/test/resources/linux-only-tests.txt").split("\n")) {
            String entry = line.trim();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                assertTrue(entry.matches("dev/parley/[a-z/]+/[A-Z]\\w*Test\\.java"), "a test class path: " + entry);
                classes.add(entry.substring(0, entry.length() - ".java".length()).replace('/', '.'));
            }
        }
        return classes;
    }

    private static JavaClasses testClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    private static boolean reachesLinuxHelper(JavaClass start) {
        Deque<JavaClass> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            JavaClass c = todo.pop();
            if (!seen.add(c.getName())) {
                continue;
            }
            if (LINUX_HELPERS.contains(c.getName())) {
                return true;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith("dev.parley") && target.getSource().isPresent()
                        && target.getSource().get().getUri().toString().contains("test-classes")) {
                    todo.push(target);
                }
            }
        }
        return false;
    }

    @Test
    void everyTestOfTheLinuxSetupIsListed() {
        Set<String> needed = new TreeSet<>();
        for (JavaClass c : testClasses()) {
            if (c.getSimpleName().endsWith("Test") && !c.isNestedClass() && reachesLinuxHelper(c)) {
                needed.add(c.getName());
            }
        }
        assertTrue(needed.contains("dev.parley.media.SfuCallTest"), "the helpers are found: " + needed);
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(listed());
        assertEquals(Set.of(), missing, "use the Linux test setup but are not in linux-only-tests.txt");
    }

    @Test
    void everyListedTestExists() {
        Set<String> existing = new HashSet<>();
        testClasses().forEach(c -> existing.add(c.getName()));
        Set<String> unknown = new TreeSet<>(listed());
        unknown.removeAll(existing);
        assertEquals(Set.of(), unknown, "listed in linux-only-tests.txt but not a test class");
    }
}
