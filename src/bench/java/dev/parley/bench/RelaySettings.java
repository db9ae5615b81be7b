package dev.parley.bench;

import dev.parley.engine.VideoConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The relay benchmark's parameters, read from system properties. Immutable.
 *
 * @param video the call's size, rate and bitrate cap ({@code bench.relay.size}, for example
 *              {@code 1280x720@2500}, at {@code bench.relay.fps})
 * @param rounds how many times each path is measured, direct first, alternating ({@code bench.relay.rounds})
 * @param warmupSeconds call time before the latency window ({@code bench.relay.warmupSeconds})
 * @param latencySeconds the latency window ({@code bench.relay.latencySeconds})
 * @param costSeconds the CPU window, right after the latency window ({@code bench.relay.costSeconds})
 * @param startupRuns measured start-ups per path and round, after one unmeasured one ({@code bench.relay.startupRuns})
 * @param settleMillis pause after each stopped play ({@code bench.relay.settleMs})
 * @param outputDirectory where the reports go ({@code bench.out})
 */
record RelaySettings(VideoConfig video, int rounds, int warmupSeconds, int latencySeconds, int costSeconds,
                     int startupRuns, int settleMillis, Path outputDirectory) {

    static RelaySettings fromSystemProperties() {
        String size = System.getProperty("bench.relay.size", "1280x720@2500");
        String[] parts = size.split("[x@]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("bench.relay.size wants WIDTHxHEIGHT@KBPS: " + size);
        }
        VideoConfig video = new VideoConfig(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.getInteger("bench.relay.fps", 30), Integer.parseInt(parts[2]));
        return new RelaySettings(video, Integer.getInteger("bench.relay.rounds", 2),
                Integer.getInteger("bench.relay.warmupSeconds", 4),
                Integer.getInteger("bench.relay.latencySeconds", 12),
                Integer.getInteger("bench.relay.costSeconds", 20),
                Integer.getInteger("bench.relay.startupRuns", 10),
                Integer.getInteger("bench.relay.settleMs", 300),
                Path.of(System.getProperty("bench.out", "target/bench")));
    }

    String size() {
        return video.width() + "x" + video.height();
    }

    /** The settings as system-property flags, to repeat a run. */
    String asFlags() {
        return "-Dbench.relay.size=" + size() + "@" + video.bitrateKbps() + " -Dbench.relay.fps=" + video.fps()
                + " -Dbench.relay.rounds=" + rounds + " -Dbench.relay.warmupSeconds=" + warmupSeconds
                + " -Dbench.relay.latencySeconds=" + latencySeconds + " -Dbench.relay.costSeconds=" + costSeconds
                + " -Dbench.relay.startupRuns=" + startupRuns + " -Dbench.relay.settleMs=" + settleMillis;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("video", size() + "@" + video.fps() + "fps/" + video.bitrateKbps() + "kbps");
        map.put("rounds", rounds);
        map.put("warmupSeconds", warmupSeconds);
        map.put("latencySeconds", latencySeconds);
        map.put("costSeconds", costSeconds);
        map.put("startupRuns", startupRuns);
        map.put("settleMs", settleMillis);
        return map;
    }
}
