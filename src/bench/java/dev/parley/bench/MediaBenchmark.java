package dev.parley.bench;

import dev.parley.engine.VideoConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The media benchmark of issue 3: push-to-sink latency, start-up and CPU cost of a Parley call,
 * each beside the same figure of bare webrtc-java peer connections measured in the same JVM and run.
 * Sizes, windows and run counts are system properties (see {@link MediaSettings}).
 *
 * <p>Needs a non-loopback interface, since WebRTC ignores loopback: run it through
 * {@code scripts/netns/bin/java}, as the {@code bench} Maven profile does. Writes
 * {@code target/bench/media.md} and {@code media.json}. Single-threaded main.
 */
public final class MediaBenchmark {
    private MediaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        MediaSettings settings = MediaSettings.fromSystemProperties();
        MediaMeasure measure = new MediaMeasure(settings);
        List<MediaReport.Measured> results = new ArrayList<>();
        for (VideoConfig config : settings.sizes()) {
            boolean cost = settings.measuresCost(config);
            System.out.println("media bench: " + MediaSettings.name(config) + " Parley");
            SubjectFigures parley;
            try (ParleyMedia subject = ParleyMedia.open(config)) {
                parley = measure.measure(subject, cost);
            }
            System.out.println("media bench: " + MediaSettings.name(config) + " raw");
            SubjectFigures raw;
            try (RawMedia subject = RawMedia.open(config)) {
                raw = measure.measure(subject, cost);
            }
            results.add(new MediaReport.Measured(config, parley, raw));
        }
        MediaReport.write(settings, results, (System.nanoTime() - start) / 1e9);
        System.exit(0); // webrtc-java's native threads are not daemons
    }
}
