package dev.parley.bench;

import dev.parley.server.sfu.JanusProcess;
import dev.parley.server.sfu.MediaEvent;
import dev.parley.server.sfu.MediaServer;
import dev.parley.testing.RawSfuPeer;
import dev.parley.testing.TestJanus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Janus's CPU per forwarded stream with bare webrtc-java peers and no room server: one 720p
 * publisher in three layers, then more and more subscribers to layer 2, Janus's CPU over a window
 * at each count. {@code JanusCpuProbe SECONDS COUNT...}; run through {@code scripts/netns/bin/java}.
 * Main thread.
 */
public final class JanusCpuProbe {
    private JanusCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        JanusProcess janus = JanusProcess.start(TestJanus.config(), timer);
        MediaServer media = MediaServer.janus(janus.endpoint(), timer, reason -> { }).get(10, TimeUnit.SECONDS);
        ProcessCpu cpu = new ProcessCpu(janus.pid());
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        List<double[]> points = new ArrayList<>();
        try (RawSfuPeer publisher = RawSfuPeer.open(); RawSfuPeer subscribers = RawSfuPeer.open()) {
            publisher.publish(media, "probe", "p_main", 1280, 720, 30, SfuBenchmark.simulcastKbps(2500), events::add)
                    .get(10, TimeUnit.SECONDS);
            while (!events.contains(new MediaEvent.Up())) {
                PublisherCost.pause(1);
            }
            int subscribed = 0;
            for (int i = 1; i < args.length; i++) {
                int count = Integer.parseInt(args[i]);
                while (subscribed < count) {
                    subscribers.subscribe(media, "probe", "p_main", e -> { }).get(10, TimeUnit.SECONDS).subscriber().layer(2);
                    subscribed++;
                }
                PublisherCost.pause(5);
                double perSecond = cpu.perSecondOver(TimeUnit.SECONDS.toNanos(seconds));
                points.add(new double[] {count, perSecond});
                System.out.printf(Locale.ROOT, "janus probe: %d subscribers, Janus %.4f CPU s per s, load %.2f%n", count,
                        perSecond, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            media.close();
            janus.stop();
        }
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        System.out.printf(Locale.ROOT, "janus probe: %.2f %% of a core per forwarded stream%n",
                (n * sxy - sx * sy) / (n * sxx - sx * sx) * 100);
        System.exit(0);
    }
}
