package dev.parley.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.server.sfu.JanusProcess;
import dev.parley.server.sfu.ManagedJanusConfig;

/**
 * Janus for tests: Debian's {@code janus}, run by the room server's own manager as a child
 * process with a generated configuration, free ports and, inside the tests' network namespace,
 * its media on the veth address 10.77.0.1 (Janus never gathers on loopback).
 */
public final class TestJanus {
    /** The UDP ports of a test Janus's media, as nftables writes a range. */
    public static final String RTP_PORTS = "30000-30999";

    /** The address Janus offers for media inside the tests' namespace. */
    public static final String MEDIA_ADDRESS = "10.77.0.1";

    private TestJanus() {
    }

    /** Skips the test, naming the package, when Janus or the test network is missing. */
    public static void assumeAvailable() {
        assumeTrue(JanusProcess.installed("janus"),
                "Janus is not installed: scripts/setup-linux.sh --test installs Debian's janus package");
        assumeTrue("veth".equals(System.getenv("PARLEY_MEDIA_NET")),
                "no test network namespace (scripts/netns/run) for Janus's media");
    }

    /** A managed Janus on the test network, with a media port range of its own. */
    public static ManagedJanusConfig config() {
        return ManagedJanusConfig.DEFAULT.withMediaAddress(MEDIA_ADDRESS, "parley0").withRtpPorts(30000, 30999);
    }
}
