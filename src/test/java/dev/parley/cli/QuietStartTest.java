package dev.parley.cli;

import dev.parley.app.DevApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.ParleyServer;
import dev.parley.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line run as a user runs it, in a JVM of its own with the app's own logging setup
 * (no test classes on its class path): a normal start leaves stderr empty.
 */
class QuietStartTest {
    @TempDir
    Path home;

    /** A child JVM running {@code parley ARGS}, with its home, settings and logs in {@link #home}. */
    private ProcessBuilder parley(List<String> jvmOptions, String... args) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Duser.home=" + home);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, ParleyCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        return builder;
    }

    /** A child's output, collected on a thread of its own so that the child never blocks on a full pipe. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "quiet-start-drain");
            thread.setDaemon(true);
            thread.start();
        }

        /** What the child has written so far. */
        String snapshot() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Everything the child wrote, once it has exited. */
        String text() throws InterruptedException {
            thread.join(10_000);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void devicesPrintsTheListAndNothingOnStderr() throws Exception {
        Process devices = parley(List.of(), "devices").start();
        Drain out = new Drain(devices.getInputStream());
        Drain err = new Drain(devices.getErrorStream());
        assertTrue(devices.waitFor(60, TimeUnit.SECONDS), "devices finished");
        assertEquals(0, devices.exitValue());
        String listing = out.text();
        assertTrue(listing.startsWith("Cameras:\n  parley:test-pattern  Test pattern\n"), listing);
        assertEquals("", err.text());
    }

    @Test
    void theWindowJoinsWithNothingOnStderr() throws Exception {
        try (ParleyServer server = TestServers.start(b -> b.app(DevApp.credentials()))) {
            // the real GTK window on the tests' virtual display when there is one, else headless Monocle
            List<String> jvm = System.getenv("DISPLAY") != null ? List.of()
                    : List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw");
            Process window = parley(jvm, "--server", server.url(), "--room", "quiet", "--user", "carol").start();
            Drain out = new Drain(window.getInputStream());
            Drain err = new Drain(window.getErrorStream());
            String startedErr;
            String startedOut;
            try {
                // in the room and publishing its camera: the start is over
                Awaitility.await("the window in the room, publishing").atMost(Duration.ofSeconds(60))
                        .until(() -> server.stats().streams() == 1 || !window.isAlive());
                assertTrue(window.isAlive(), "the window exited early");
                startedErr = err.snapshot();
                startedOut = out.snapshot();
            } finally {
                // SIGTERM; Process.destroy would also close the pipes
                window.toHandle().destroy();
                assertTrue(window.waitFor(30, TimeUnit.SECONDS), "the window stopped");
            }
            assertTrue(!err.text().contains(WindowLaunch.CLASS_PATH_WARNING), err.text());
            assertEquals("", startedErr);
            assertEquals("", startedOut);
        }
    }
}
