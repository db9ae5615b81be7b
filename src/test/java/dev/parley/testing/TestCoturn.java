package dev.parley.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.protocol.IceServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real coturn for tests: Debian's {@code turnserver} as a child process with no config file
 * ({@code -n}), its own ports, a random shared secret for time-limited credentials, listening and
 * relaying on one address of the tests' network, or started in a network namespace of its own
 * ({@link SplitNetworks}). Not thread-safe; closed once.
 */
public final class TestCoturn implements AutoCloseable {
    private final Process process;
    private final String address;
    private final int port;
    private final String secret;
    private final Path folder;

    private TestCoturn(Process process, String address, int port, String secret, Path folder) {
        this.process = process;
        this.address = address;
        this.port = port;
        this.secret = secret;
        this.folder = folder;
    }

    public static void assumeAvailable() {
        assumeTrue(new File("/usr/bin/turnserver").canExecute(),
                "coturn is not installed: scripts/setup-linux.sh --test installs Debian's coturn package");
    }

    /** Starts coturn on {@code address} (an address of this host that the peers can reach) and waits until it listens. */
    public static TestCoturn start(String address) throws IOException, InterruptedException {
        // a relay range of its own per test JVM, away from Janus's test ports
        int relayBase = 40000 + (int) (ProcessHandle.current().pid() % 200) * 100;
        return start(null, address, address, freeTcpPort(address), relayBase);
    }

    /**
     * Starts coturn inside {@code namespace}, listening on {@code listenAddress} (port 3478) and
     * relaying from {@code relayAddress}, and waits until it listens.
     */
    public static TestCoturn start(SplitNetworks.Namespace namespace, String listenAddress, String relayAddress)
            throws IOException, InterruptedException {
        return start(namespace, listenAddress, relayAddress, 3478, 40000);
    }

    private static TestCoturn start(SplitNetworks.Namespace namespace, String listenAddress, String relayAddress,
                                    int port, int relayBase) throws IOException, InterruptedException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path folder = Files.createTempDirectory("parley-coturn-");
        List<String> command = List.of("turnserver", "-n",
                "--listening-ip=" + listenAddress, "--relay-ip=" + relayAddress, "--listening-port=" + port,
                "--min-port=" + relayBase, "--max-port=" + (relayBase + 99),
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=parley.test", "--fingerprint",
                "--no-tls", "--no-dtls", "--no-cli", "--no-multicast-peers",
                "--log-file=" + folder.resolve("turnserver.log"), "--simple-log",
                "--pidfile=" + folder.resolve("turnserver.pid"));
        Process process = new ProcessBuilder(namespace == null ? command : namespace.command(command))
                .redirectErrorStream(true).redirectOutput(folder.resolve("stdout.log").toFile()).start();
        TestCoturn coturn = new TestCoturn(process, listenAddress, port, secret, folder);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("turnserver exited with " + process.exitValue() + ": " + coturn.log());
            }
            if (namespace == null ? listens(listenAddress, port) : namespace.canConnect(listenAddress, port)) {
                return coturn;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        coturn.close();
        throw new IOException("turnserver did not listen within 10 s: " + coturn.log());
    }

    private static boolean listens(String address, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freeTcpPort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        }
    }

    /** The turnserver's process ID, to read what it costs. */
    public long pid() {
        return process.pid();
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** The secret shared with the room server ({@code static-auth-secret}). */
    public String secret() {
        return secret;
    }

    /** A TURN URL of this server, over UDP or TCP. */
    public String url(String transport) {
        return "turn:" + address + ":" + port + "?transport=" + transport;
    }

    /**
     * An ICE server entry for this server with credentials in the TURN REST API form for
     * {@code userId}, valid until {@code expiry} (which may be past), signed with this server's secret.
     */
    public IceServer iceServer(String transport, String userId, Instant expiry) {
        String username = expiry.getEpochSecond() + ":" + userId;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new IceServer(List.of(url(transport)), username, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What coturn logged so far. */
    public String log() {
        try {
            Path file = Files.list(folder).filter(p -> p.getFileName().toString().startsWith("turnserver"))
                    .filter(p -> p.toString().endsWith(".log")).findFirst().orElse(folder.resolve("stdout.log"));
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long a test waits for a relay to answer. */
    public static final Duration WAIT = Duration.ofSeconds(10);
}
