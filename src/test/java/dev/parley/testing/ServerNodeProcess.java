package dev.parley.testing;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code parley server} as a process of its own ({@code java -cp ... dev.parley.cli.ParleyCli server
 * ...}), for tests that stop a node as an operator or a crash would: SIGTERM or SIGKILL. Its log
 * goes to a file; stdout is read for the URL it prints. Not thread-safe; closed once.
 */
public final class ServerNodeProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);
    private static final String LISTENING = "Parley server listening on ";

    private final Process process;
    private final Path log;
    private final String url;

    private ServerNodeProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts a node on a free loopback port with the test apps (a presence timeout of 6 s, so that a
     * loaded machine does not end sessions the test holds), sharing
     * {@code redis} as node {@code nodeId}, and waits until it listens.
     */
    public static ServerNodeProcess start(TestRedis redis, String nodeId, Path folder) throws IOException {
        Path config = folder.resolve(nodeId + ".json");
        Files.writeString(config, """
                { "apps": [ { "appId": %d, "appSign": "%s", "serverSecret": "%s" } ],
                  "heartbeatIntervalMs": 250, "presenceTimeoutMs": 6000,
                  "cluster": { "redis": "%s", "nodeId": "%s" } }
                """.formatted(TestServers.APP_ID, TestServers.APP_SIGN, TestServers.SERVER_SECRET, redis.url(), nodeId));
        Path log = folder.resolve(nodeId + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the app's own classes and logging only: it logs to stderr, as an installed server does
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        command.addAll(List.of("-Xmx256m", "-cp", classPath, "dev.parley.cli.ParleyCli",
                "server", "--port", "0", "--bind", "127.0.0.1", "--no-web", "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(LISTENING)) {
                        listening.complete(line.substring(LISTENING.length()).strip());
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IOException("the node exited before listening"));
        }, "node-" + nodeId + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerNodeProcess(process, log, listening.get(START.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("node " + nodeId + " did not start: " + readLog(log), e);
        }
    }

    /** The URL it listens on, which is also the URL other nodes send its clients to. */
    public String url() {
        return url;
    }

    /** SIGKILL: the process ends at once, saying nothing to anyone. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM, as a service manager stops it. */
    public void terminate() {
        process.destroy();
    }

    /** Waits until the process has ended; false when it is still running after {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the node logged so far. */
    public String log() {
        return readLog(log);
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
