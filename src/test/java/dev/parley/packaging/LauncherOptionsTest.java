package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every launcher gives the JVM the same Java options, pom.xml's {@code parley.javaOptions}: the
 * installers (jpackage's javaOptions), the Windows zip's {@code parley.cmd}, the long-call
 * benchmark's measured bots, and the commands README.md gives for the window and the bot.
 */
class LauncherOptionsTest {
    private static final Pattern JAR_COMMAND = Pattern.compile("java((?: -\\S+)*) -jar target/parley\\.jar( \\w+)?");

    @Test
    void theOptionsAreAHeapCapAndG1GivingMemoryBack() {
        List<String> options = ProjectFiles.javaOptions();
        assertTrue(options.contains("-XX:+UseG1GC"), options.toString());
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xmx")), "a heap cap: " + options);
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xms")), "a small start, not 1/64 of the memory: " + options);
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-XX:G1PeriodicGCInterval=")),
                "a periodic collection that uncommits while idle: " + options);
    }

    @Test
    void theInstallersTheWindowsZipAndTheBenchmarkTakeThemFromTheOneProperty() {
        String pom = ProjectFiles.read("pom.xml");
        assertEquals(ProjectFiles.javaOptions(), ProjectFiles.pomElements("javaOption"),
                "jpackage's javaOptions, one entry an option (the launcher passes each line of its .cfg as one)");
        assertTrue(pom.contains("<filter token=\"JAVA_OPTIONS\" value=\"${parley.javaOptions}\"/>"), "the zip's parley.cmd");
        assertTrue(ProjectFiles.read("packaging/windows/parley.cmd").contains("\"%PARLEY_JAVA%\" @JAVA_OPTIONS@ "),
                "parley.cmd passes the options first");
        assertTrue(pom.contains("<argument>-Dbench.longcall.javaOptions=${parley.javaOptions}</argument>"),
                "the long-call benchmark measures bots with them");
    }

    @Test
    void readmesCommandsForTheWindowAndTheBotCarryThem() {
        String options = String.join(" ", ProjectFiles.javaOptions());
        String readme = ProjectFiles.read("README.md");
        Matcher m = JAR_COMMAND.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String subcommand = m.group(2) == null ? "" : m.group(2).trim();
            if (subcommand.equals("server") || subcommand.equals("token")) {
                continue; // the server and the token tool, not the softphone
            }
            assertEquals(" " + options, m.group(1), "README.md: " + m.group());
            checked.add(m.group());
        }
        assertTrue(checked.stream().anyMatch(c -> c.endsWith("parley.jar")), "the run command: " + checked);
        assertTrue(checked.stream().anyMatch(c -> c.endsWith(" call")), "the bot's command: " + checked);
        assertFalse(readme.contains("java -jar target/parley.jar call"), "no bot command without them");
        assertTrue(ProjectFiles.read("packaging/README.md").contains("`" + options + "`"),
                "packaging/README.md names them");
    }
}
