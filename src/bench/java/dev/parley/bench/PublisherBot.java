package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A publisher in a process of its own, so that its CPU time can be read alone: the headless bot
 * ({@code parley call --headless}) with this JVM's classpath, publishing the test pattern and
 * playing nothing. Its JSON lines are read as they come: {@link #awaitPublishing} waits for its
 * PUBLISHING, and its publisher quality reports are kept.
 *
 * <p>Started and closed on the benchmark's main thread; a reader thread takes its output. The
 * child inherits this JVM's network namespace and environment.
 */
final class PublisherBot implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final ProcessCpu cpu;
    private final CountDownLatch publishing = new CountDownLatch(1);
    private final List<JsonNode> qualities = new ArrayList<>();

    private PublisherBot(Process process) {
        this.process = process;
        this.cpu = new ProcessCpu(process.pid());
        Thread reader = new Thread(this::read, "bench-bot-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a bot that logs in to {@code room} as {@code user} and publishes {@code streamId}. */
    static PublisherBot start(String serverUrl, String room, String user, String streamId, int width, int height, int fps,
                              int bitrateKbps, Path stderr) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.parley.cli.ParleyCli", "call", "--headless", "--server", serverUrl, "--room", room, "--user", user,
                "--publish", streamId, "--resolution", width + "x" + height, "--fps", Integer.toString(fps),
                "--bitrate", Integer.toString(bitrateKbps), "--play", "none", "--log-level", "WARN");
        builder.redirectError(stderr.toFile());
        return new PublisherBot(builder.start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                String event = node.path("event").asText();
                if (event.equals("onPublisherStateUpdate") && node.path("state").asText().equals("PUBLISHING")) {
                    publishing.countDown();
                } else if (event.equals("onPublisherQualityUpdate")) {
                    synchronized (qualities) {
                        qualities.add(node.path("quality"));
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    void awaitPublishing(long timeoutSeconds) throws InterruptedException {
        if (!publishing.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the publisher bot is not publishing after " + timeoutSeconds + " s"
                    + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"));
        }
    }

    ProcessCpu cpu() {
        return cpu;
    }

    /** How many quality reports came so far; with {@link #qualitiesSince} the ones of a window. */
    int qualityCount() {
        synchronized (qualities) {
            return qualities.size();
        }
    }

    List<JsonNode> qualitiesSince(int index) {
        synchronized (qualities) {
            return new ArrayList<>(qualities.subList(Math.min(index, qualities.size()), qualities.size()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the bot's shutdown hook destroys its engine
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
