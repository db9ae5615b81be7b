package dev.parley.bench;

import dev.parley.engine.VideoConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The media-server benchmark's parameters, read from system properties. Immutable.
 *
 * @param sections the parts to run ({@code bench.sfu.sections}: {@code cost}, {@code latency}, {@code rooms})
 * @param publisher what the publisher sends in the cost and latency parts ({@code bench.sfu.size},
 *                  {@code WIDTHxHEIGHT@KBPS} at {@code bench.sfu.fps})
 * @param players the player counts of the cost part, in order ({@code bench.sfu.players})
 * @param warmupSeconds call time before each measured window ({@code bench.sfu.warmupSeconds})
 * @param windowSeconds each cost window ({@code bench.sfu.windowSeconds})
 * @param latencyRounds Parley and raw measured in turn this many times ({@code bench.sfu.latencyRounds})
 * @param latencySeconds each latency window ({@code bench.sfu.latencySeconds})
 * @param room what every user of the room part publishes ({@code bench.sfu.roomSize}, at {@code bench.sfu.fps})
 * @param roomMinFps the rate every played stream must reach ({@code bench.sfu.roomMinFps})
 * @param roomWindowSeconds each room window ({@code bench.sfu.roomWindowSeconds})
 * @param roomMaxUsers the largest room tried ({@code bench.sfu.roomMaxUsers})
 * @param outputDirectory where the reports go ({@code bench.out})
 */
record SfuSettings(Set<String> sections, VideoConfig publisher, List<Integer> players, int warmupSeconds, int windowSeconds,
                   int latencyRounds, int latencySeconds, VideoConfig room, double roomMinFps, int roomWindowSeconds,
                   int roomMaxUsers, Path outputDirectory) {

    static SfuSettings fromSystemProperties() {
        int fps = Integer.getInteger("bench.sfu.fps", 30);
        return new SfuSettings(
                Set.copyOf(Arrays.asList(System.getProperty("bench.sfu.sections", "cost,latency,rooms").split(","))),
                parse(System.getProperty("bench.sfu.size", "1280x720@2500"), fps),
                Arrays.stream(System.getProperty("bench.sfu.players", "1,2,4,6").split(",")).map(String::trim)
                        .map(Integer::valueOf).toList(),
                Integer.getInteger("bench.sfu.warmupSeconds", 5),
                Integer.getInteger("bench.sfu.windowSeconds", 15),
                Integer.getInteger("bench.sfu.latencyRounds", 2),
                Integer.getInteger("bench.sfu.latencySeconds", 12),
                parse(System.getProperty("bench.sfu.roomSize", "640x360@1000"), fps),
                Double.parseDouble(System.getProperty("bench.sfu.roomMinFps", "25")),
                Integer.getInteger("bench.sfu.roomWindowSeconds", 10),
                Integer.getInteger("bench.sfu.roomMaxUsers", 10),
                Path.of(System.getProperty("bench.out", "target/bench")));
    }

    private static VideoConfig parse(String size, int fps) {
        String[] parts = size.split("[x@]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("wants WIDTHxHEIGHT@KBPS: " + size);
        }
        return new VideoConfig(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), fps, Integer.parseInt(parts[2]));
    }

    static String name(VideoConfig c) {
        return c.width() + "x" + c.height();
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    /** The settings as system-property flags, to repeat a run. */
    String asFlags() {
        return "-Dbench.sfu.sections=" + String.join(",", sections.stream().sorted().toList())
                + " -Dbench.sfu.size=" + name(publisher) + "@" + publisher.bitrateKbps() + " -Dbench.sfu.fps=" + publisher.fps()
                + " -Dbench.sfu.players=" + String.join(",", players.stream().map(String::valueOf).toList())
                + " -Dbench.sfu.warmupSeconds=" + warmupSeconds + " -Dbench.sfu.windowSeconds=" + windowSeconds
                + " -Dbench.sfu.latencyRounds=" + latencyRounds + " -Dbench.sfu.latencySeconds=" + latencySeconds
                + " -Dbench.sfu.roomSize=" + name(room) + "@" + room.bitrateKbps() + " -Dbench.sfu.roomMinFps=" + roomMinFps
                + " -Dbench.sfu.roomWindowSeconds=" + roomWindowSeconds + " -Dbench.sfu.roomMaxUsers=" + roomMaxUsers;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sections", sections.stream().sorted().toList());
        map.put("publisher", name(publisher) + "@" + publisher.fps() + "fps/" + publisher.bitrateKbps() + "kbps");
        map.put("players", players);
        map.put("warmupSeconds", warmupSeconds);
        map.put("windowSeconds", windowSeconds);
        map.put("latencyRounds", latencyRounds);
        map.put("latencySeconds", latencySeconds);
        map.put("room", name(room) + "@" + room.fps() + "fps/" + room.bitrateKbps() + "kbps");
        map.put("roomMinFps", roomMinFps);
        map.put("roomWindowSeconds", roomWindowSeconds);
        map.put("roomMaxUsers", roomMaxUsers);
        return map;
    }
}
