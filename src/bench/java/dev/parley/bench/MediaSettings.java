package dev.parley.bench;

import dev.parley.engine.VideoConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The media benchmark's parameters, read from system properties. Immutable.
 *
 * @param sizes the video configs measured, in order ({@code bench.media.sizes}, for example
 *              {@code 640x360@1000,1280x720@2500}: size and bitrate cap in kbit/s), all at {@code bench.media.fps}
 * @param costSize the size whose steady call is also measured for CPU ({@code bench.media.costSize})
 * @param warmupSeconds call time before the latency window ({@code bench.media.warmupSeconds})
 * @param latencyRounds latency windows per subject and size, the subjects alternating ({@code bench.media.latencyRounds})
 * @param latencySeconds each latency window ({@code bench.media.latencySeconds})
 * @param costSeconds the CPU window, after the warm-up of a play of its own ({@code bench.media.costSeconds})
 * @param startupRuns measured start-ups per size and subject, after one unmeasured one ({@code bench.media.startupRuns})
 * @param settleMillis pause after each stopped play ({@code bench.media.settleMs})
 * @param outputDirectory where the reports go ({@code bench.out})
 */
record MediaSettings(List<VideoConfig> sizes, String costSize, int warmupSeconds, int latencyRounds, int latencySeconds,
                     int costSeconds,
                     int startupRuns, int settleMillis, Path outputDirectory) {

    static MediaSettings fromSystemProperties() {
        int fps = Integer.getInteger("bench.media.fps", 30);
        List<VideoConfig> sizes = Arrays.stream(System.getProperty("bench.media.sizes",
                        "640x360@1000,1280x720@2500,1920x1080@4000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> parse(s, fps)).toList();
        return new MediaSettings(sizes, System.getProperty("bench.media.costSize", "1280x720"),
                Integer.getInteger("bench.media.warmupSeconds", 4),
                Integer.getInteger("bench.media.latencyRounds", 3),
                Integer.getInteger("bench.media.latencySeconds", 8),
                Integer.getInteger("bench.media.costSeconds", 20),
                Integer.getInteger("bench.media.startupRuns", 20),
                Integer.getInteger("bench.media.settleMs", 300),
                Path.of(System.getProperty("bench.out", "target/bench")));
    }

    private static VideoConfig parse(String size, int fps) {
        String[] parts = size.split("[x@]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("bench.media.sizes wants WIDTHxHEIGHT@KBPS: " + size);
        }
        return new VideoConfig(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), fps, Integer.parseInt(parts[2]));
    }

    static String name(VideoConfig config) {
        return config.width() + "x" + config.height();
    }

    boolean measuresCost(VideoConfig config) {
        return name(config).equals(costSize);
    }

    /** The settings as system-property flags, to repeat a run. */
    String asFlags() {
        return "-Dbench.media.sizes=" + String.join(",", sizes.stream()
                .map(c -> name(c) + "@" + c.bitrateKbps()).toList())
                + " -Dbench.media.fps=" + sizes.get(0).fps() + " -Dbench.media.costSize=" + costSize
                + " -Dbench.media.warmupSeconds=" + warmupSeconds + " -Dbench.media.latencyRounds=" + latencyRounds
                + " -Dbench.media.latencySeconds=" + latencySeconds
                + " -Dbench.media.costSeconds=" + costSeconds + " -Dbench.media.startupRuns=" + startupRuns
                + " -Dbench.media.settleMs=" + settleMillis;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sizes", sizes.stream().map(c -> name(c) + "@" + c.fps() + "fps/" + c.bitrateKbps() + "kbps").toList());
        map.put("costSize", costSize);
        map.put("warmupSeconds", warmupSeconds);
        map.put("latencyRounds", latencyRounds);
        map.put("latencySeconds", latencySeconds);
        map.put("costSeconds", costSeconds);
        map.put("startupRuns", startupRuns);
        map.put("settleMs", settleMillis);
        return map;
    }
}
