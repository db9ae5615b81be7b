package dev.parley.bench;

import dev.parley.protocol.MediaMode;
import dev.parley.server.MediaConfig;
import dev.parley.server.sfu.JanusProcess;
import dev.parley.testing.TestJanus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The media-server benchmark: SFU rooms through Janus, each figure beside its baseline in the
 * same run. The publisher's CPU with more and more players, mesh against SFU
 * ({@link PublisherCost}); Janus's CPU per forwarded stream, from the same SFU run; push-to-sink
 * latency through Janus beside bare webrtc-java through the same Janus ({@link JanusLatency});
 * and the largest room this machine holds, mesh against SFU ({@link RoomCapacity}). Parameters
 * are system properties ({@link SfuSettings}).
 *
 * <p>Needs Debian's {@code janus} and the tests' network namespace (WebRTC ignores loopback, Janus
 * too): run it through {@code scripts/netns/bin/java}, as the {@code bench} Maven profile does.
 * Writes {@code target/bench/sfu.md} and {@code sfu.json}, and the publisher bots' logs beside
 * them. Single-threaded main.
 */
public final class SfuBenchmark {
    private SfuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!JanusProcess.installed("janus") || !"veth".equals(System.getenv("PARLEY_MEDIA_NET"))) {
            System.err.println("sfu bench: needs Debian's janus (scripts/setup-linux.sh --test) and the test network"
                    + " namespace (scripts/netns/bin/java)");
            System.exit(2);
        }
        long start = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        SfuSettings settings = SfuSettings.fromSystemProperties();
        Path logs = settings.outputDirectory().resolve("sfu-logs");
        Files.createDirectories(logs);
        List<PublisherCost.Step> meshCost = null;
        List<PublisherCost.Step> sfuCost = null;
        JanusLatency.Result latency = null;
        RoomCapacity.Result meshRooms = null;
        RoomCapacity.Result sfuRooms = null;
        if (settings.runs("cost")) {
            PublisherCost cost = new PublisherCost(settings);
            meshCost = cost.run(MediaMode.MESH, logs);
            sfuCost = cost.run(MediaMode.SFU, logs);
        }
        if (settings.runs("latency")) {
            latency = new JanusLatency(settings).run();
        }
        if (settings.runs("rooms")) {
            RoomCapacity rooms = new RoomCapacity(settings);
            meshRooms = rooms.run(MediaMode.MESH);
            sfuRooms = rooms.run(MediaMode.SFU);
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        SfuReport.write(settings, new SfuReport.Run(meshCost, sfuCost, latency, meshRooms, sfuRooms, loadBefore, loadAfter),
                (System.nanoTime() - start) / 1e9);
        System.exit(0); // webrtc-java's native threads are not daemons
    }

    /** A mesh, or SFU rooms on a Janus the server starts inside the test namespace. */
    static MediaConfig media(MediaMode mode) {
        return mode == MediaMode.SFU
                ? MediaConfig.MESH.withAllApps(MediaMode.SFU).withManagedJanus(TestJanus.config())
                : MediaConfig.MESH;
    }

    /**
     * The simulcast layers' caps an engine gives a MAIN stream of {@code totalKbps}, lowest first
     * (the shares of {@code PeerLink.simulcastLayers}), for the raw baseline to send the same.
     */
    static int[] simulcastKbps(int totalKbps) {
        int[] shares = {1, 3, 6};
        int[] kbps = new int[3];
        for (int i = 0; i < 3; i++) {
            kbps[i] = Math.max(100, totalKbps * shares[i] / 10);
        }
        return kbps;
    }
}
