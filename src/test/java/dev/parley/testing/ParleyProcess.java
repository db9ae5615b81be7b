package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.ParleyCli;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * {@code parley ARGS} in a child JVM with the app's class path, optionally inside a network
 * namespace: the room server ({@code parley server}) or a headless bot ({@code parley call
 * --headless}). Its stdout lines are collected as they come (a bot's are JSON), stderr goes to a
 * file. Thread-safe for reading lines; closed once.
 */
public final class ParleyProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final Process process;
    private final Path stderr;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ParleyProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "parley-process-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code parley args} inside {@code namespace} (or here, when null); {@code name} names it in messages. */
    public static ParleyProcess start(String name, SplitNetworks.Namespace namespace, String... args) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .reduce((x, y) -> x + File.pathSeparator + y).orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", classPath, ParleyCli.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("parley-" + name + "-", ".log");
        Process process = new ProcessBuilder(namespace == null ? command : namespace.command(command))
                .redirectError(stderr.toFile()).start();
        return new ParleyProcess(name, process, stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /** The stdout lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The stdout lines so far that are JSON objects (a bot's events). */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // a bot prints nothing else on stdout; a server prints plain lines
                }
            }
        }
        return events;
    }

    /** The first event matching {@code test}, if one came. */
    public Optional<JsonNode> event(Predicate<JsonNode> test) {
        return events().stream().filter(test).findFirst();
    }

    /** Waits for a stdout line matching {@code test}, failing with what the process wrote if none comes in time. */
    public String awaitLine(String what, Duration timeout, Predicate<String> test) {
        Awaitility.await(name + ": " + what).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .failFast(name + " exited:\n" + this, () -> !process.isAlive() && lines.stream().noneMatch(test))
                .until(() -> lines.stream().anyMatch(test));
        return lines.stream().filter(test).findFirst().orElseThrow();
    }

    /** Waits for an event matching {@code test}. */
    public JsonNode awaitEvent(String what, Duration timeout, Predicate<JsonNode> test) {
        Awaitility.await(name + ": " + what).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast(name + " exited:\n" + this, () -> !process.isAlive() && event(test).isEmpty())
                .until(() -> event(test).isPresent());
        return event(test).orElseThrow();
    }

    /** What the process wrote to stderr so far. */
    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    /** Asks the process to end (SIGTERM, as Ctrl-C would) and waits for it; its exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        // through the handle: Process.destroy() would also close our end of its stdout, losing its last lines
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not end within " + timeout + " of SIGTERM:\n" + this);
        }
        reader.join(2000);
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills what is left of the process. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "stdout:\n" + String.join("\n", lines) + "\nstderr:\n" + stderr();
    }
}
