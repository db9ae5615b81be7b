package dev.parley.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three named network namespaces a test makes with {@code ip netns add}: a relay host and two
 * client networks, A and B, each joined to the relay host by a veth pair of its own. The relay
 * host does not forward, so A and B cannot reach each other, only the relay host's
 * {@link #SERVICE_ADDRESS}, where its TURN server and room server listen. Its relayed addresses
 * are on {@link #RELAY_ADDRESS}, which neither A nor B has a route to, so media between A and B
 * can only go from relay to relay.
 *
 * <pre>
 *   A 10.78.1.2 ── 10.78.1.1  relay host  10.78.2.1 ── 10.78.2.2 B
 *                     (lo: 10.78.0.1 services, 10.78.9.1 relayed addresses)
 * </pre>
 *
 * <p>The names are unique per run (they carry the test JVM's process ID), and {@link #close()}
 * deletes them; ones left by a test JVM that died are deleted by the next. Needs root, as the
 * tests' private namespace has. Not thread-safe; closed once, after the processes started in it
 * have ended.
 */
public final class SplitNetworks implements AutoCloseable {
    public static final String SERVICE_ADDRESS = "10.78.0.1";
    public static final String RELAY_ADDRESS = "10.78.9.1";
    public static final String A_ADDRESS = "10.78.1.2";
    public static final String B_ADDRESS = "10.78.2.2";
    private static final String PREFIX = "parley-split-";
    private static final Pattern OURS = Pattern.compile(PREFIX + "(\\d+)-\\d+-[tab]");
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One named namespace: commands run in it through {@code ip netns exec}. Immutable. */
    public record Namespace(String name) {
        /** {@code command} as run inside this namespace. */
        public List<String> command(List<String> command) {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
            full.addAll(command);
            return full;
        }

        /** Runs {@code command} here and fails unless it exits with 0; returns its output. */
        public String run(String... command) throws IOException, InterruptedException {
            return SplitNetworks.run(command(List.of(command)), null);
        }

        /** Whether a TCP connection from here to {@code address}:{@code port} is accepted within a second. */
        public boolean canConnect(String address, int port) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command(List.of("timeout", "1", "bash", "-c",
                    "exec 3<>/dev/tcp/" + address + "/" + port))).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        }

        /** Drops every UDP packet this namespace sends to {@code address} (nftables). */
        public void dropUdpTo(String address) throws IOException, InterruptedException {
            SplitNetworks.run(command(List.of("nft", "-f", "-")), """
                    table inet parley_test {
                        chain output {
                            type filter hook output priority 0; policy accept;
                            ip daddr %s meta l4proto udp counter drop
                        }
                    }
                    """.formatted(address));
        }

        /** How many packets the rule of {@link #dropUdpTo} has dropped so far. */
        public long droppedUdpPackets() throws IOException, InterruptedException {
            Matcher m = Pattern.compile("counter packets (\\d+)").matcher(run("nft", "list", "table", "inet", "parley_test"));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    private final Namespace relayHost;
    private final Namespace a;
    private final Namespace b;

    private SplitNetworks(Namespace relayHost, Namespace a, Namespace b) {
        this.relayHost = relayHost;
        this.a = a;
        this.b = b;
    }

    /** Skips the test where {@code ip netns} or nftables cannot be used (not root, or not installed). */
    public static void assumeAvailable() throws IOException, InterruptedException {
        MediaNetwork.require();
        String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
        boolean works = exitCode(List.of("ip", "netns", "add", probe)) == 0;
        if (works) {
            exitCode(List.of("ip", "netns", "del", probe));
        }
        assumeTrue(works, "ip netns add does not work here (needs root and iproute2)");
        assumeTrue(exitCode(List.of("nft", "--version")) == 0,
                "nftables is not installed: scripts/setup-linux.sh --test installs it");
    }

    /** Makes the three namespaces and their links. */
    public static SplitNetworks create() throws IOException, InterruptedException {
        removeLeftovers();
        String base = PREFIX + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        SplitNetworks networks = new SplitNetworks(new Namespace(base + "-t"), new Namespace(base + "-a"),
                new Namespace(base + "-b"));
        try {
            networks.build();
            return networks;
        } catch (IOException | InterruptedException | RuntimeException e) {
            networks.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (Namespace ns : List.of(relayHost, a, b)) {
            run(List.of("ip", "netns", "add", ns.name()), null);
            ns.run("ip", "link", "set", "lo", "up");
        }
        relayHost.run("sh", "-c", "echo 0 > /proc/sys/net/ipv4/ip_forward");
        relayHost.run("ip", "addr", "add", SERVICE_ADDRESS + "/32", "dev", "lo");
        relayHost.run("ip", "addr", "add", RELAY_ADDRESS + "/32", "dev", "lo");
        link(a, "10.78.1.1", A_ADDRESS, "pa");
        link(b, "10.78.2.1", B_ADDRESS, "pb");
    }

    /** A veth pair between the relay host and {@code client}, and the client's one route, to the services. */
    private void link(Namespace client, String hostSide, String clientSide, String tag) throws IOException, InterruptedException {
        // veth names are per namespace, but they are made in the relay host first: keep them short and apart
        String hostEnd = tag + "-host";
        String clientEnd = tag + "-client";
        relayHost.run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", clientEnd);
        relayHost.run("ip", "link", "set", clientEnd, "netns", client.name());
        relayHost.run("ip", "addr", "add", hostSide + "/24", "dev", hostEnd);
        relayHost.run("ip", "link", "set", hostEnd, "up");
        client.run("ip", "addr", "add", clientSide + "/24", "dev", clientEnd);
        client.run("ip", "link", "set", clientEnd, "up");
        client.run("ip", "route", "add", SERVICE_ADDRESS + "/32", "via", hostSide);
    }

    /** Where the TURN server and the room server run. */
    public Namespace relayHost() {
        return relayHost;
    }

    public Namespace a() {
        return a;
    }

    public Namespace b() {
        return b;
    }

    /** Deletes the namespaces; their veth pairs go with them. */
    @Override
    public void close() {
        for (Namespace ns : List.of(a, b, relayHost)) {
            try {
                exitCode(List.of("ip", "netns", "del", ns.name()));
            } catch (IOException | InterruptedException e) {
                // best effort: a namespace not made is not there to delete
            }
        }
    }

    /** Deletes namespaces of this class whose test JVM is gone. */
    private static void removeLeftovers() throws IOException, InterruptedException {
        for (String line : run(List.of("ip", "netns", "list"), null).split("\n")) {
            Matcher m = OURS.matcher(line.trim().split(" ")[0]);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                exitCode(List.of("ip", "netns", "del", m.group()));
            }
        }
    }

    private static int exitCode(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("failed: " + String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
