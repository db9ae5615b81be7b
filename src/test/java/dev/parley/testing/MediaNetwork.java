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

    private static void ip(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ip"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }
}
