package dev.parley.testing;

import java.io.IOException;
import org.junit.jupiter.api.Assumptions;

/** Media tests need the private network namespace that scripts/netns/bin/java makes. */
public final class MediaNetwork {
    private MediaNetwork() {
    }

    public static void require() {
        boolean ready = "veth".equals(System.getenv("PARLEY_MEDIA_NET"));
        if (!ready) {
            System.err.println("SKIPPING WebRTC media test: no private network namespace with a veth pair "
                    + "(run the tests through ./mvnw on Linux, where scripts/netns/bin/java provides one)");
        }
        Assumptions.assumeTrue(ready, "WebRTC media tests need the network namespace of scripts/netns/bin/java");
    }

    private static boolean localTableMoved;
    private static boolean cut;

    /**
     * Cuts the peers' network inside the test's own namespace, so that media stops while the
     * signaling (on loopback) goes on. Traffic between local addresses never leaves the loopback
     * device, so the cut is a policy rule ahead of the local table that blackholes the veth subnet.
     */
    public static synchronized void cutPeers() throws IOException, InterruptedException {
        if (!"veth".equals(System.getenv("PARLEY_MEDIA_NET")) || cut) {
            return;
        }
        if (!localTableMoved) {
            ip("rule", "add", "pref", "200", "table", "local");
            ip("rule", "del", "pref", "0", "table", "local");
            localTableMoved = true;
        }
        ip("rule", "add", "pref", "100", "to", "10.77.0.0/24", "blackhole");
        cut = true;
    }

    /** Undoes {@link #cutPeers()}. */
    public static synchronized void restorePeers() throws IOException, InterruptedException {
        if (cut) {
            ip("rule", "del", "pref", "100");
            cut = false;
        }
    }

    /**
     * Gives both ends of the veth pair new addresses (10.77.0.11 and .12), as a network change
     * would: every candidate pair in use dies, and only new candidates can reach the peer.
     * {@link #restoreAddresses()} puts 10.77.0.1 and .2 back.
     */
    public static synchronized void renumberPeers() throws IOException, InterruptedException {
        readdress("10.77.0.1", "10.77.0.11", "parley0");
        readdress("10.77.0.2", "10.77.0.12", "parley1");
    }

    public static synchronized void restoreAddresses() throws IOException, InterruptedException {
        readdress("10.77.0.11", "10.77.0.1", "parley0");
        readdress("10.77.0.12", "10.77.0.2", "parley1");
    }

    private static void readdress(String from, String to, String device) throws IOException, InterruptedException {
        if (!"veth".equals(System.getenv("PARLEY_MEDIA_NET"))) {
            return;
        }
        // delete first: deleting a primary address also deletes the secondaries of its subnet
        ip("addr", "del", from + "/24", "dev", device);
        ip("addr", "add", to + "/24", "dev", device);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ip"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }
}
