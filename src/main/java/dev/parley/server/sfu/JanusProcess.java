package dev.parley.server.sfu;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a Janus child process with a configuration of its own: generated files in a
 * private folder, the API and admin WebSockets on free loopback ports, random API and admin
 * secrets and VideoRoom admin key, only the VideoRoom plugin and the WebSocket transport loaded.
 * {@link #start} returns once Janus accepts API connections.
 *
 * <p>Janus goes with the server however the server ends: a leash, a shell that waits for the end
 * of a pipe only this JVM holds, kills Janus when the JVM is gone, SIGKILL included, so that a
 * crashed node leaves no Janus holding its ports.
 *
 * <p>Thread-safe. Lives from {@link #start} until {@link #stop()} or the process's own end
 * ({@link #exited()}).
 */
public final class JanusProcess {
    private static final Logger LOG = LoggerFactory.getLogger(JanusProcess.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final String[] OTHER_PLUGINS = {"libjanus_audiobridge.so", "libjanus_duktape.so", "libjanus_echotest.so",
        "libjanus_lua.so", "libjanus_nosip.so", "libjanus_recordplay.so", "libjanus_sip.so", "libjanus_streaming.so",
        "libjanus_textroom.so", "libjanus_videocall.so", "libjanus_voicemail.so"};
    private static final String[] OTHER_TRANSPORTS = {"libjanus_http.so", "libjanus_mqtt.so", "libjanus_nanomsg.so",
        "libjanus_pfunix.so", "libjanus_rabbitmq.so"};

    private final Process process;
    private final Process leash;
    private final JanusEndpoint endpoint;
    private final Path folder;

    private JanusProcess(Process process, Process leash, JanusEndpoint endpoint, Path folder) {
        this.process = process;
        this.leash = leash;
        this.endpoint = endpoint;
        this.folder = folder;
        process.onExit().thenRun(leash::destroyForcibly);
    }

    /** Whether {@code binary} names an executable file, directly or on the PATH. */
    public static boolean installed(String binary) {
        if (binary.contains(File.separator)) {
            return Files.isExecutable(Path.of(binary));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a configuration, starts Janus and waits until its API accepts connections.
     *
     * @throws IOException when Janus is not installed, does not start, or exits before it is ready
     *                     (the message carries the end of its log)
     */
    public static JanusProcess start(ManagedJanusConfig config, ScheduledExecutorService timer) throws IOException {
        if (!installed(config.binary())) {
            throw new IOException("Janus is not installed (no '" + config.binary() + "' on the PATH); "
                    + "install Debian's package with: sudo apt-get install janus");
        }
        Path folder = config.workFolder() != null ? Files.createDirectories(config.workFolder())
                : Files.createTempDirectory("parley-janus-");
        int apiPort = freePort();
        int adminPort = freePort();
        JanusEndpoint endpoint = new JanusEndpoint(URI.create("ws://127.0.0.1:" + apiPort),
                URI.create("ws://127.0.0.1:" + adminPort), secret(), secret(), secret());
        writeConfig(config, folder, apiPort, adminPort, endpoint);
        Path log = folder.resolve("janus.log");
        Process process = new ProcessBuilder(config.binary(), "-F", folder.toString(), "-o")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Process leash;
        try {
            leash = leash(process.pid());
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        JanusProcess janus = new JanusProcess(process, leash, endpoint, folder);
        try {
            janus.awaitReady(timer);
        } catch (IOException e) {
            janus.stop();
            throw e;
        }
        LOG.info("Janus {} started: API on {}, media ports {}-{}, log {}", process.pid(), endpoint.api(),
                config.rtpPortMin(), config.rtpPortMax(), log);
        return janus;
    }

    /**
     * {@code sh} reading its stdin, a pipe whose other end only this JVM holds: when the JVM ends,
     * the read sees the end of the pipe and the shell kills Janus.
     */
    private static Process leash(long janusPid) throws IOException {
        // read is built into the shell, so killing the shell (when Janus ended first) leaves no child behind
        return new ProcessBuilder("sh", "-c", "while read -r _; do :; done; kill -KILL " + janusPid + " 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void awaitReady(ScheduledExecutorService timer) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Janus exited with " + process.exitValue() + " before it was ready: " + logTail());
            }
            CompletableFuture<JanusConnection> probe = JanusConnection.open(endpoint.api(), JanusConnection.Api.API,
                    endpoint.apiSecret(), Duration.ofSeconds(2), timer, new JanusConnection.Listener() {
                        @Override
                        public void onEvent(com.fasterxml.jackson.databind.JsonNode message) {
                        }

                        @Override
                        public void onClosed(String reason) {
                        }
                    });
            try {
                probe.get(3, TimeUnit.SECONDS).close();
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = new IOException("Janus does not answer on " + endpoint.api(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Janus started", e);
            }
            try {
                // Janus opens its WebSocket within milliseconds of starting; look again shortly
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Janus started", e);
            }
        }
        throw new IOException("Janus was not ready within " + READY_TIMEOUT.toSeconds() + " s: " + logTail(), last);
    }

    public JanusEndpoint endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Completes when the process ends, for whatever reason, with its exit code. */
    public CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The last lines Janus logged, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("janus.log"), StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    /** Stops Janus (SIGTERM, then SIGKILL after 3 s) and waits for it. */
    public void stop() {
        // the leash goes first: it must not kill a Janus that is shutting down cleanly
        leash.destroyForcibly();
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** One event loop per core of this machine. */
    static int eventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void writeConfig(ManagedJanusConfig config, Path folder, int apiPort, int adminPort,
                                    JanusEndpoint endpoint) throws IOException {
        Path root = config.pluginsRoot();
        List<String> general = new ArrayList<>(List.of(
                "configs_folder = " + quote(folder.toString()),
                "plugins_folder = " + quote(root.resolve("plugins").toString()),
                "transports_folder = " + quote(root.resolve("transports").toString()),
                "events_folder = " + quote(root.resolve("events").toString()),
                "loggers_folder = " + quote(root.resolve("loggers").toString()),
                "debug_level = 4",
                // a few event loops shared by all handles instead of a thread per handle: each
                // forwarded packet then wakes no other thread, which halved Janus's CPU per stream
                "event_loops = " + eventLoops(),
                "server_name = \"parley-media\"",
                "session_timeout = 60",
                "api_secret = " + quote(endpoint.apiSecret()),
                "admin_secret = " + quote(endpoint.adminSecret())));
        if (config.mediaAddress() != null) {
            general.add("interface = " + quote(config.mediaAddress()));
        }
        List<String> nat = new ArrayList<>(List.of("full_trickle = false", "ice_lite = false"));
        if (config.iceInterfaces() != null) {
            nat.add("ice_enforce_list = " + quote(config.iceInterfaces()));
        }
        if (config.publicAddress() != null) {
            nat.add("nat_1_1_mapping = " + quote(config.publicAddress()));
        }
        if (config.stunServer() != null) {
            int colon = config.stunServer().lastIndexOf(':');
            nat.add("stun_server = " + quote(config.stunServer().substring(0, colon)));
            nat.add("stun_port = " + config.stunServer().substring(colon + 1));
        }
        if (config.turn() != null) {
            ManagedJanusConfig.Turn turn = config.turn();
            nat.add("turn_server = " + quote(turn.host()));
            nat.add("turn_port = " + turn.port());
            nat.add("turn_type = " + quote(turn.type()));
            nat.add("turn_user = " + quote(turn.username()));
            nat.add("turn_pwd = " + quote(turn.password()));
        }
        String janus = section("general", general)
                + section("media", List.of("rtp_port_range = " + quote(config.rtpPortMin() + "-" + config.rtpPortMax()),
                        // lost packets a second that make a slowlink event, for the layer choice
                        "slowlink_threshold = 4"))
                + section("nat", nat)
                + section("plugins", List.of("disable = " + quote(String.join(",", OTHER_PLUGINS))))
                + section("transports", List.of("disable = " + quote(String.join(",", OTHER_TRANSPORTS))))
                + section("loggers", List.of("disable = \"libjanus_jsonlog.so\""))
                + section("events", List.of("broadcast = false"));
        String websockets = section("general", List.of("json = \"plain\"", "ws = true", "ws_port = " + apiPort,
                "ws_ip = \"127.0.0.1\"", "wss = false"))
                + section("admin", List.of("admin_ws = true", "admin_ws_port = " + adminPort,
                "admin_ws_ip = \"127.0.0.1\"", "admin_wss = false"));
        String videoroom = section("general", List.of("string_ids = true", "admin_key = " + quote(endpoint.adminKey())));
        write(folder.resolve("janus.jcfg"), janus);
        write(folder.resolve("janus.transport.websockets.jcfg"), websockets);
        write(folder.resolve("janus.plugin.videoroom.jcfg"), videoroom);
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        // the secrets are in there
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }

    private static String section(String name, List<String> lines) {
        return name + ": {\n\t" + String.join("\n\t", lines) + "\n}\n";
    }

    private static String quote(String value) {
        if (value.contains("\"") || value.contains("\n")) {
            throw new IllegalArgumentException("not allowed in a Janus setting: " + value);
        }
        return "\"" + value + "\"";
    }
}
