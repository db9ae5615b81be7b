package dev.parley.bench;

import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerConfig;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;
import dev.parley.engine.VideoStreamType;
import dev.parley.protocol.MediaMode;
import dev.parley.server.sfu.JanusProcess;
import dev.parley.server.sfu.MediaEvent;
import dev.parley.server.sfu.MediaServer;
import dev.parley.testing.RawSfuPeer;
import dev.parley.testing.TestJanus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Push-to-sink latency of the full-size layer through Janus: Parley (a room server with SFU rooms
 * and the Janus it starts, engine A publishing in three simulcast layers, engine B playing BIG)
 * beside the raw baseline (bare webrtc-java peers publishing the same layers to a Janus of the
 * same configuration through {@link MediaServer}, and subscribing to layer 2, with no Parley
 * code in the media path). The two are measured in turn, one alive at a time, round after round,
 * so that both meet the same load; only frames of the full width count.
 *
 * <p>Main thread only.
 */
final class JanusLatency {
    private static final long FIRST_FRAME_TIMEOUT_SECONDS = 30;
    private final SfuSettings settings;

    JanusLatency(SfuSettings settings) {
        this.settings = settings;
    }

    /**
     * One window of one subject.
     *
     * @param latency the ages of the full-size frames
     * @param otherSize frames of another size in the window
     * @param load the system's one-minute load average at the window's end
     */
    record Window(LatencySummary latency, long otherSize, double load) {
    }

    /**
     * Both subjects over every round.
     *
     * @param parley each round's window of Parley
     * @param raw each round's window of the baseline
     * @param parleyAll all of Parley's frames together
     * @param rawAll all of the baseline's frames together
     */
    record Result(List<Window> parley, List<Window> raw, LatencySummary parleyAll, LatencySummary rawAll) {
    }

    Result run() throws Exception {
        List<Window> parley = new ArrayList<>();
        List<Window> raw = new ArrayList<>();
        SampleLog parleyAll = new SampleLog();
        SampleLog rawAll = new SampleLog();
        for (int round = 0; round < settings.latencyRounds(); round++) {
            parley.add(parley(parleyAll));
            System.out.println("sfu bench: latency round " + round + " Parley " + parley.get(round));
            raw.add(raw(rawAll));
            System.out.println("sfu bench: latency round " + round + " raw " + raw.get(round));
        }
        return new Result(parley, raw, LatencySummary.ofNanos(parleyAll.toArray()), LatencySummary.ofNanos(rawAll.toArray()));
    }

    /** Frames of the full width go to the window's log; the rest are counted. */
    private static final class FullSize {
        private final int width;
        private final SampleLog ages = new SampleLog();
        private volatile long first;
        private long other;

        FullSize(int width) {
            this.width = width;
        }

        synchronized void arrived(TestPattern.Marks marks, int frameWidth) {
            if (frameWidth != width || marks == null) {
                other++;
                return;
            }
            first++;
            ages.add(TimeUnit.MILLISECONDS.toNanos(marks.ageMillis(System.currentTimeMillis())));
        }

        boolean awaitFirst(long seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (first == 0 && System.nanoTime() < deadline) {
                RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
            }
            return first > 0;
        }

        synchronized void restart() {
            ages.clear();
            other = 0;
        }

        synchronized Window window(SampleLog all) {
            long[] values = ages.toArray();
            for (long v : values) {
                all.add(v);
            }
            return new Window(LatencySummary.ofNanos(values), other,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private Window parley(SampleLog all) throws Exception {
        VideoConfig video = settings.publisher();
        try (BenchCall call = BenchCall.start(SfuBenchmark.media(MediaMode.SFU))) {
            call.publisher("latency", "a", "a_main", video);
            ParleyEngine player = call.player("latency", "b");
            FullSize log = new FullSize(video.width());
            player.startPlayingStream("a_main", new Canvas(frame -> log.arrived(TestPattern.read(frame), frame.width())),
                    new PlayerConfig(VideoStreamType.BIG));
            return measure(log, all);
        }
    }

    private Window raw(SampleLog all) throws Exception {
        VideoConfig video = settings.publisher();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-raw-janus");
            t.setDaemon(true);
            return t;
        });
        JanusProcess janus = JanusProcess.start(TestJanus.config(), timer);
        MediaServer media = null;
        try {
            media = MediaServer.janus(janus.endpoint(), timer, reason -> { }).get(10, TimeUnit.SECONDS);
            List<MediaEvent> events = new CopyOnWriteArrayList<>();
            try (RawSfuPeer publisher = RawSfuPeer.open(); RawSfuPeer subscriber = RawSfuPeer.open()) {
                publisher.publish(media, "latency-raw", "a_main", video.width(), video.height(), video.fps(),
                        SfuBenchmark.simulcastKbps(video.bitrateKbps()), events::add).get(10, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!events.contains(new MediaEvent.Up()) && System.nanoTime() < deadline) {
                    RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
                }
                RawSfuPeer.Subscription s = subscriber.subscribe(media, "latency-raw", "a_main", e -> { })
                        .get(10, TimeUnit.SECONDS);
                s.subscriber().layer(2);
                FullSize log = new FullSize(video.width());
                s.received().listen((marks, width, height) -> log.arrived(marks, width));
                return measure(log, all);
            }
        } finally {
            if (media != null) {
                media.close();
            }
            janus.stop();
            timer.shutdownNow();
        }
    }

    private Window measure(FullSize log, SampleLog all) {
        if (!log.awaitFirst(FIRST_FRAME_TIMEOUT_SECONDS)) {
            throw new IllegalStateException("no full-size frame within " + FIRST_FRAME_TIMEOUT_SECONDS + " s");
        }
        PublisherCost.pause(settings.warmupSeconds());
        log.restart();
        PublisherCost.pause(settings.latencySeconds());
        return log.window(all);
    }
}
