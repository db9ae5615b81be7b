package dev.parley.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.server.cluster.ClusterConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * A real Redis for tests: Debian's {@code redis-server} as a child process on a free loopback
 * port, without persistence (so a restart loses everything, as a Redis without a disk does), and
 * a client for the test to look at what the nodes keep there. Not thread-safe; closed once.
 */
public final class TestRedis implements AutoCloseable {
    private static final String BINARY = "/usr/bin/redis-server";
    private static final Duration READY = Duration.ofSeconds(5);

    private final int port;
    private final Path folder;
    private Process process;
    private RedisClient client;

    private TestRedis(int port, Path folder) {
        this.port = port;
        this.folder = folder;
    }

    public static void assumeAvailable() {
        assumeTrue(new File(BINARY).canExecute(),
                "redis-server is not installed: scripts/setup-linux.sh --test installs Debian's redis-server package");
    }

    /** Starts Redis on a free port and waits until it answers PING. */
    public static TestRedis start() throws IOException, InterruptedException {
        TestRedis redis = new TestRedis(freePort(), Files.createTempDirectory("parley-redis-"));
        redis.launch();
        return redis;
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", folder.toString(), "--daemonize", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("redis.log").toFile()))
                .start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (answersPing()) {
                return;
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        stop();
        throw new IOException("redis-server did not answer within " + READY + ": " + log());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, 7);
            return read == 7 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The cluster settings of a node {@code nodeId} of this Redis, reached at the address it listens on. */
    public ClusterConfig node(String nodeId) {
        return ClusterConfig.of(url(), nodeId, null);
    }

    /** A client for the test's own looks into Redis. */
    public synchronized RedisClient client() {
        if (client == null) {
            client = RedisClient.create("127.0.0.1", port);
        }
        return client;
    }

    /** The value at {@code key}, or null. */
    public String get(String key) {
        return client().get(key);
    }

    /** Kills Redis (SIGKILL: no goodbye to its clients) and starts a new, empty one on the same port. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Kills Redis; {@link #restart()} brings an empty one back. */
    public void stop() throws InterruptedException {
        synchronized (this) {
            if (client != null) {
                client.close(); // its pooled connections die with this Redis
                client = null;
            }
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** What Redis logged. */
    public String log() {
        try {
            return Files.readString(folder.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
