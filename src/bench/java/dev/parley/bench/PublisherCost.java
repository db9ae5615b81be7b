package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerConfig;
import dev.parley.engine.VideoConfig;
import dev.parley.engine.VideoStreamType;
import dev.parley.protocol.MediaMode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The publisher's cost with more and more players, in a mesh or an SFU room: a publisher bot in
 * its own process sends the test pattern; players (engines in this JVM) join one by one and play
 * it at full size (BIG in an SFU room, the 720p layer). At each player count, after a warm-up,
 * one window measures the publisher process's CPU, Janus's (SFU), this JVM's (the players), and
 * what the players received. In an SFU room the publisher is also measured with no player,
 * which gives Janus's cost of taking the stream in without forwarding it.
 *
 * <p>Main thread only.
 */
final class PublisherCost {
    private static final String ROOM = "cost";
    private static final String STREAM = "pub_main";
    private final SfuSettings settings;

    PublisherCost(SfuSettings settings) {
        this.settings = settings;
    }

    /**
     * One window's figures.
     *
     * @param players players playing the stream
     * @param publisherCpu the publisher process's CPU seconds per second
     * @param janusCpu Janus's CPU seconds per second, NaN in a mesh
     * @param playersCpu this JVM's (the players') CPU seconds per second
     * @param received what the players received
     * @param sentFps the publisher's encoded frames per second, from its quality reports in the window
     *                (its first connection's, in a mesh)
     * @param sentKbps video kbit/s the publisher sent, all connections together
     * @param sentSize the size its quality reports name
     * @param load the system's one-minute load average at the window's end
     */
    record Step(int players, double publisherCpu, double janusCpu, double playersCpu, PlayedStreams.Window received,
                double sentFps, double sentKbps, String sentSize, double load) {
    }

    List<Step> run(MediaMode mode, Path logs) throws Exception {
        List<Step> steps = new ArrayList<>();
        VideoConfig video = settings.publisher();
        try (BenchCall call = BenchCall.start(SfuBenchmark.media(mode));
             PublisherBot bot = PublisherBot.start(call.server().url(), ROOM, "pub", STREAM, video.width(), video.height(),
                     video.fps(), video.bitrateKbps(), logs.resolve("publisher-" + mode.name().toLowerCase() + ".log"))) {
            bot.awaitPublishing(30);
            ProcessCpu janus = mode == MediaMode.SFU ? new ProcessCpu(call.server().mediaServer().process().pid()) : null;
            PlayedStreams played = new PlayedStreams();
            List<ParleyEngine> players = new ArrayList<>();
            if (mode == MediaMode.SFU) {
                pause(settings.warmupSeconds() + 3);
                steps.add(window(0, bot, janus, played));
            }
            for (int count : settings.players()) {
                while (players.size() < count) {
                    ParleyEngine player = call.player(ROOM, "player" + players.size());
                    players.add(player);
                    player.startPlayingStream(STREAM, new Canvas(played.add()), new PlayerConfig(VideoStreamType.BIG));
                }
                if (!played.awaitFrames(video.width(), 30)) {
                    System.out.println("sfu bench: not every player has " + video.width() + " wide frames after 30 s");
                }
                pause(settings.warmupSeconds() + (steps.isEmpty() ? 3 : 0));
                Step step = window(count, bot, janus, played);
                System.out.println("sfu bench: cost " + mode + " " + step);
                steps.add(step);
            }
        }
        return steps;
    }

    private Step window(int players, PublisherBot bot, ProcessCpu janus, PlayedStreams played) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int reports = bot.qualityCount();
        played.startWindow();
        double botStart = bot.cpu().seconds();
        double janusStart = janus == null ? 0 : janus.seconds();
        long selfStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        pause(settings.windowSeconds());
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double botCpu = (bot.cpu().seconds() - botStart) / wall;
        double janusCpu = janus == null ? Double.NaN : (janus.seconds() - janusStart) / wall;
        double selfCpu = (os.getProcessCpuTime() - selfStart) / 1e9 / wall;
        PlayedStreams.Window received = played.endWindow();
        List<JsonNode> qualities = bot.qualitiesSince(reports);
        double fps = qualities.stream().mapToDouble(q -> q.path("videoEncodeFPS").asDouble()).average().orElse(Double.NaN);
        double kbps = qualities.stream().mapToDouble(q -> q.path("videoKBPS").asDouble()).average().orElse(Double.NaN);
        String size = qualities.isEmpty() ? "" : qualities.get(qualities.size() - 1).path("width").asInt() + "x"
                + qualities.get(qualities.size() - 1).path("height").asInt();
        return new Step(players, round3(botCpu), round3(janusCpu), round3(selfCpu), received, round1(fps), round1(kbps), size,
                os.getSystemLoadAverage());
    }

    static double round3(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    static double round1(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }

    static void pause(int seconds) {
        RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
    }

    static Map<String, Object> toMap(Step s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("players", s.players());
        map.put("publisherCpu", s.publisherCpu());
        map.put("janusCpu", s.janusCpu());
        map.put("playersCpu", s.playersCpu());
        map.put("received", s.received());
        map.put("sentFps", s.sentFps());
        map.put("sentKbps", s.sentKbps());
        map.put("sentSize", s.sentSize());
        map.put("load", s.load());
        return map;
    }
}
