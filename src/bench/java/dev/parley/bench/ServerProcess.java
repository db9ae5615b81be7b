package dev.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under test running in a child JVM ({@link BenchServerMain}), and the line protocol to
 * query it. Not thread-safe; the benchmark's main thread drives it.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final int port;
    private final long timersMillis;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "bench-server-stdout");
        reader.setDaemon(true);
        reader.start();
        Map<String, String> ready = expect("READY");
        this.port = Integer.parseInt(ready.get("port"));
        this.timersMillis = Long.parseLong(ready.getOrDefault("timersMs", "0"));
    }

    /**
     * Starts {@code kind} ("parley" or "baseline") with {@code jvmOptions} on {@code classPath};
     * stderr goes to {@code log}.
     */
    static ServerProcess start(String kind, List<String> jvmOptions, String classPath, Path log) throws IOException {
        return start(List.of(kind), jvmOptions, classPath, log);
    }

    /** Starts {@link BenchServerMain} with {@code arguments} (see there), as {@link #start(String, List, String, Path)}. */
    static ServerProcess start(List<String> arguments, List<String> jvmOptions, String classPath, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(BenchServerMain.class.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        try {
            return new ServerProcess(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    /** How long after a connection opens the server may still hold timers, and so objects, for it. */
    long timersMillis() {
        return timersMillis;
    }

    /** CPU time, threads and connections; no collection is triggered. */
    Map<String, String> stats() throws IOException {
        send("STATS");
        return expect("STATS");
    }

    /** The used heap, in bytes, right after full collections in the server's JVM. */
    long heapAfterGc() throws IOException {
        send("HEAP");
        return Long.parseLong(expect("HEAP").get("heapUsed"));
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    private Map<String, String> expect(String kind) throws IOException {
        String line;
        try {
            line = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the server", e);
        }
        if (line == null) {
            throw new IOException("the server did not answer " + kind + " (alive: " + process.isAlive() + ")");
        }
        String[] parts = line.split(" ");
        if (parts.length < 2 || !parts[1].equals(kind)) {
            throw new IOException("expected " + kind + " from the server, got: " + line);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return values;
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("BENCH ")) {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Asks the server to stop, and kills it if it does not exit in time. */
    @Override
    public void close() {
        try {
            send("STOP");
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
