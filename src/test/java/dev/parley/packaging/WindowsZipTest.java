package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portable Windows zip that {@code ./mvnw -Pwindows-zip verify -DskipTests} builds and then runs
 * this test on (the profile passes the zip as {@code parley.windowsZip}; without it the test is
 * skipped): one folder with {@code parley.cmd}, the app and its libraries with webrtc-java's
 * windows-x86_64 natives in {@code lib/}, the Windows JavaFX jars in {@code javafx/}, and nothing
 * built for Linux.
 */
class WindowsZipTest {
    private static final String MAIN_CLASS = "dev.parley.cli.ParleyCli";
    private Path zip;
    private String root;

    @BeforeEach
    void findZip() {
        String path = System.getProperty("parley.windowsZip");
        Assumptions.assumeTrue(path != null, "run by ./mvnw -Pwindows-zip verify, which builds the zip first");
        zip = Path.of(path);
        assertTrue(Files.isRegularFile(zip), "no zip at " + zip);
        root = "parley-" + ProjectFiles.pomProperty("parley.releaseVersion") + "/";
        assertEquals("parley-" + ProjectFiles.pomProperty("parley.releaseVersion") + "-windows-x86_64.zip",
                zip.getFileName().toString());
    }

    private Set<String> entries() throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    private byte[] entry(String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry e = file.getEntry(name);
            assertTrue(e != null, "no " + name + " in the zip");
            try (InputStream in = file.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }

    /** The names of the files inside a jar of the zip. */
    private List<String> jarEntries(String name) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(entry(name)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void everythingIsInOneFolderWithTheLauncherTheAppTheLibrariesAndJavaFx() throws IOException {
        Set<String> names = entries();
        assertTrue(names.stream().allMatch(n -> n.startsWith(root)), "everything under " + root + ": " + names);
        String fx = ProjectFiles.pomProperty("javafx.version");
        String webrtc = ProjectFiles.pomProperty("webrtc.version");
        for (String expected : List.of("parley.cmd", "lib/parley-app.jar", "lib/webrtc-java-" + webrtc + ".jar",
                "lib/webrtc-java-" + webrtc + "-windows-x86_64.jar", "javafx/javafx-base-" + fx + "-win.jar",
                "javafx/javafx-graphics-" + fx + "-win.jar", "javafx/javafx-controls-" + fx + "-win.jar")) {
            assertTrue(names.contains(root + expected), "no " + expected + " in " + names);
        }
        for (String library : List.of("Java-WebSocket", "jackson-databind", "jackson-core", "jackson-annotations",
                "slf4j-api", "logback-classic", "logback-core")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(root + "lib/" + library + "-") && n.endsWith(".jar")),
                    "no " + library + " in lib/: " + names);
        }
        assertEquals(3, names.stream().filter(n -> n.startsWith(root + "javafx/")).count(),
                "javafx/ holds base, graphics and controls only: " + names);
    }

    @Test
    void theNativesAreWindowsX8664AndNothingIsBuiltForLinux() throws IOException {
        Set<String> names = entries();
        assertFalse(names.stream().anyMatch(n -> n.contains("linux") || n.contains("-mac")),
                "no jar of another platform: " + names);
        String webrtc = root + "lib/webrtc-java-" + ProjectFiles.pomProperty("webrtc.version") + "-windows-x86_64.jar";
        assertTrue(jarEntries(webrtc).contains("webrtc-java-windows-x86_64.dll"), "webrtc-java's Windows library");
        List<String> graphics = jarEntries(root + "javafx/javafx-graphics-" + ProjectFiles.pomProperty("javafx.version")
                + "-win.jar");
        for (String dll : List.of("glass.dll", "prism_d3d.dll", "prism_sw.dll", "javafx_font.dll")) {
            assertTrue(graphics.contains(dll), "JavaFX's " + dll);
        }
        assertTrue(graphics.contains("module-info.class"), "JavaFX graphics goes on the module path as a module");
        for (String name : names) {
            if (name.endsWith(".jar")) {
                List<String> inside = jarEntries(name);
                assertFalse(inside.stream().anyMatch(e -> e.endsWith(".so") || e.endsWith(".dylib")),
                        name + " carries a Linux or macOS library");
            }
        }
    }

    @Test
    void theAppJarIsParleyAloneWithTheMainClassTheLauncherNames() throws IOException {
        String app = root + "lib/parley-app.jar";
        List<String> inside = jarEntries(app);
        assertTrue(inside.contains(MAIN_CLASS.replace('.', '/') + ".class"));
        assertFalse(inside.stream().anyMatch(e -> e.startsWith("javafx/") || e.startsWith("com/sun/javafx/")
                || e.startsWith("dev/onvoid/") || e.startsWith("com/fasterxml/")), "no shaded library in the app jar");
        try (JarInputStream jar = new JarInputStream(new java.io.ByteArrayInputStream(entry(app)))) {
            assertEquals(MAIN_CLASS, jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        String launcher = new String(entry(root + "parley.cmd"), StandardCharsets.US_ASCII);
        Matcher java = Pattern.compile("^\"%PARLEY_JAVA%\" (.*)$", Pattern.MULTILINE).matcher(launcher.replace("\r", ""));
        assertTrue(java.find(), "parley.cmd runs %PARLEY_JAVA%:\n" + launcher);
        assertTrue(java.group(1).endsWith(" " + MAIN_CLASS + " %*"), "parley.cmd runs " + MAIN_CLASS + " with the arguments");
    }

    @Test
    void theLauncherRunsAnInstalledJavaWithTheJavaFxModulesAndTheInstallersOptions() throws IOException {
        String launcher = new String(entry(root + "parley.cmd"), StandardCharsets.US_ASCII);
        assertFalse(launcher.replace("\r\n", "").contains("\n"), "Windows line ends (CRLF) throughout");
        assertFalse(launcher.contains("@JAVA_OPTIONS@"), "the options are filled in");
        String lines = launcher.replace("\r", "");
        assertTrue(lines.contains("if defined JAVA_HOME if exist \"%JAVA_HOME%\\bin\\java.exe\" set \"PARLEY_JAVA=%JAVA_HOME%\\bin\\java.exe\""),
                "java from JAVA_HOME when set");
        assertTrue(lines.contains("set \"PARLEY_JAVA=java\""), "else java from the PATH");
        String command = "\"%PARLEY_JAVA%\" " + String.join(" ", ProjectFiles.javaOptions())
                + " --module-path \"%PARLEY_HOME%javafx\" --add-modules javafx.controls -cp \"%PARLEY_HOME%lib\\*\" "
                + MAIN_CLASS + " %*";
        assertTrue(lines.contains(command + "\n"), "parley.cmd runs:\n" + command + "\nbut is:\n" + launcher);
        assertTrue(lines.contains("set \"PARLEY_HOME=%~dp0\""), "paths relative to the folder of parley.cmd");
    }
}
