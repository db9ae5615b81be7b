package dev.parley.bench;

import dev.parley.engine.VideoConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The media benchmark of issue 3: push-to-sink latency, start-up and CPU cost of a Parley call,
 * each beside the same figure of bare webrtc-java peer connections measured in the same JVM and run.
 * Sizes, windows and run counts are system properties (see {@link MediaSettings}).
 *
 * <p>Latency is measured in rounds that alternate the two subjects (Parley then raw, raw then
 * Parley, ...), each window on a freshly opened subject, so that both meet the same load: on a
 * shared machine a single window of each, a minute apart, compared the load of two moments as
 * much as the two subjects. Cost and start-up follow, once per subject.
 *
 * <p>Needs a non-loopback interface, since WebRTC ignores loopback: run it through
 * {@code scripts/netns/bin/java}, as the {@code bench} Maven profile does. Writes
 * {@code target/bench/media.md} and {@code media.json}. Single-threaded main.
 */
public final class MediaBenchmark {
    private MediaBenchmark() {
    }

    interface Opener {
        MediaSubject open(VideoConfig config) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        MediaSettings settings = MediaSettings.fromSystemProperties();
        MediaMeasure measure = new MediaMeasure(settings);
        List<MediaReport.Measured> results = new ArrayList<>();
        for (VideoConfig config : settings.sizes()) {
            String size = MediaSettings.name(config);
            List<MediaMeasure.LatencyWindow> parleyWindows = new ArrayList<>();
            List<MediaMeasure.LatencyWindow> rawWindows = new ArrayList<>();
            for (int round = 0; round < settings.latencyRounds(); round++) {
                boolean parleyFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean parley = (turn == 0) == parleyFirst;
                    MediaMeasure.LatencyWindow window = latency(measure, parley ? ParleyMedia::open : RawMedia::open, config);
                    (parley ? parleyWindows : rawWindows).add(window);
                    System.out.printf(java.util.Locale.ROOT, "media bench: %s %s latency round %d p50 %.1f ms (load %.2f)%n",
                            size, parley ? "Parley" : "raw", round + 1, window.p50Ms(), window.load());
                }
            }
            boolean cost = settings.measuresCost(config);
            System.out.println("media bench: " + size + " Parley cost and start-up");
            MediaMeasure.Cost parleyCost;
            try (ParleyMedia subject = ParleyMedia.open(config)) {
                parleyCost = measure.costAndStartup(subject, cost);
            }
            System.out.println("media bench: " + size + " raw cost and start-up");
            MediaMeasure.Cost rawCost;
            try (RawMedia subject = RawMedia.open(config)) {
                rawCost = measure.costAndStartup(subject, cost);
            }
            results.add(new MediaReport.Measured(config,
                    MediaMeasure.figures(parleyWindows, parleyCost.startup(), parleyCost.cpuPerCallSecond()),
                    MediaMeasure.figures(rawWindows, rawCost.startup(), rawCost.cpuPerCallSecond())));
        }
        MediaReport.write(settings, results, (System.nanoTime() - start) / 1e9);
        System.exit(0); // webrtc-java's native threads are not daemons
    }

    private static MediaMeasure.LatencyWindow latency(MediaMeasure measure, Opener opener, VideoConfig config)
            throws Exception {
        MediaSubject subject = opener.open(config);
        try {
            return measure.latency(subject);
        } finally {
            subject.close();
        }
    }
}
