package dev.parley.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The long-call benchmark's parameters, read from system properties. Immutable.
 *
 * @param minutes how long the call lasts ({@code bench.longcall.minutes}; 12; 30 for the long run)
 * @param bots participants in each room ({@code bench.longcall.bots}, 4)
 * @param width video width ({@code bench.longcall.size}, 320x180)
 * @param height video height
 * @param fps frames per second ({@code bench.longcall.fps}, 15)
 * @param sampleSeconds how often each bot's resident memory is read ({@code bench.longcall.sampleSeconds}, 5)
 * @param javaOptions the launchers' Java options, given to the measured bots ({@code bench.longcall.javaOptions},
 *                    from pom.xml's {@code parley.javaOptions})
 * @param baseline whether the same bots without those options call at the same time in a room of their own
 *                 ({@code bench.longcall.baseline}, true)
 * @param outputDirectory where the reports go ({@code bench.out})
 */
record LongCallSettings(int minutes, int bots, int width, int height, int fps, int sampleSeconds, List<String> javaOptions,
                        boolean baseline, Path outputDirectory) {

    static LongCallSettings fromSystemProperties() {
        String[] size = System.getProperty("bench.longcall.size", "320x180").split("x");
        String options = System.getProperty("bench.longcall.javaOptions", "").trim();
        if (options.isEmpty()) {
            throw new IllegalArgumentException("bench.longcall.javaOptions is empty: pass pom.xml's parley.javaOptions");
        }
        return new LongCallSettings(Integer.getInteger("bench.longcall.minutes", 12),
                Integer.getInteger("bench.longcall.bots", 4),
                Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                Integer.getInteger("bench.longcall.fps", 15),
                Integer.getInteger("bench.longcall.sampleSeconds", 5),
                Arrays.asList(options.split("\\s+")),
                Boolean.parseBoolean(System.getProperty("bench.longcall.baseline", "true")),
                Path.of(System.getProperty("bench.out", "target/bench")));
    }

    String size() {
        return width + "x" + height;
    }

    /** The settings as system-property flags, to repeat a run. */
    String asFlags() {
        return "-Dbench.longcall.minutes=" + minutes + " -Dbench.longcall.bots=" + bots + " -Dbench.longcall.size="
                + size() + " -Dbench.longcall.fps=" + fps + " -Dbench.longcall.sampleSeconds=" + sampleSeconds
                + " -Dbench.longcall.baseline=" + baseline;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("minutes", minutes);
        map.put("bots", bots);
        map.put("size", size());
        map.put("fps", fps);
        map.put("sampleSeconds", sampleSeconds);
        map.put("javaOptions", javaOptions);
        map.put("baseline", baseline);
        return map;
    }
}
