package dev.parley.bench;

import dev.parley.engine.CandidatePair;
import dev.parley.testing.TestCoturn;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The relay benchmark: latency (the send time the pattern carries to its arrival in B's sink),
 * start-up and CPU cost of a relayed 720p call beside the same call direct, in one run. A real
 * coturn runs on the tests' veth address; the relayed call goes through it at both ends (RELAY
 * policy), and its cost counts the turnserver process beside this JVM. Rounds alternate, direct
 * first. Settings are system properties (see {@link RelaySettings}).
 *
 * <p>Needs the tests' network namespace and Debian's {@code coturn}: run it through
 * {@code scripts/netns/bin/java}, as the {@code bench} Maven profile does. Writes
 * {@code target/bench/relay.md} and {@code relay.json}. Single-threaded main.
 */
public final class RelayBenchmark {
    private static final long FIRST_FRAME_TIMEOUT_MILLIS = 10_000;
    /** Linux reports /proc times in USER_HZ ticks, 100 a second on every mainstream architecture. */
    private static final double SECONDS_PER_TICK = 0.01;

    private RelayBenchmark() {
    }

    /**
     * What one path measured in one round. Immutable.
     *
     * @param path "direct" or "relayed"
     * @param round 1, 2, ...
     * @param pair the candidate pair B's quality reports gave for the play
     * @param ages push-to-sink ages of the frames in the latency window, in nanoseconds
     * @param sinkFps frames per second that reached B's sink in that window
     * @param videoKbps the mean video kbit/s of B's quality reports in that window
     * @param worstSecondMs the highest median age over any one second of that window
     * @param jvmCpu this JVM's CPU seconds per second of call (both engines and the room server)
     * @param relayCpu the turnserver's CPU seconds per second of call over the same window
     * @param startups from {@code startPlayingStream} to the first frame, fresh connections, in
     *                 nanoseconds (-1 for none within the timeout)
     */
    record PathFigures(String path, int round, CandidatePair pair, long[] ages, double sinkFps, double videoKbps,
                       double worstSecondMs,
                       double jvmCpu, double relayCpu, long[] startups) {
        LatencySummary latency() {
            return LatencySummary.ofNanos(ages);
        }

        SubjectFigures.Startup startup() {
            return SubjectFigures.Startup.of(startups);
        }

        double cpu() {
            return jvmCpu + relayCpu;
        }
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        RelaySettings settings = RelaySettings.fromSystemProperties();
        List<PathFigures> results = new ArrayList<>();
        try (TestCoturn coturn = TestCoturn.start("10.77.0.1")) {
            for (int round = 1; round <= settings.rounds(); round++) {
                System.out.println("relay bench: round " + round + " direct");
                try (PathCall call = PathCall.direct(settings.video())) {
                    results.add(measure(settings, "direct", round, call, coturn.pid()));
                }
                System.out.println("relay bench: round " + round + " relayed");
                try (PathCall call = PathCall.relayed(settings.video(), coturn.url("udp"), coturn.secret())) {
                    results.add(measure(settings, "relayed", round, call, coturn.pid()));
                }
            }
        }
        RelayReport.write(settings, results, (System.nanoTime() - start) / 1e9);
        System.exit(0); // webrtc-java's native threads are not daemons
    }

    private static PathFigures measure(RelaySettings settings, String path, int round, PathCall call, long relayPid)
            throws Exception {
        ArrivalLog log = call.play();
        if (log.awaitFirstFrame(FIRST_FRAME_TIMEOUT_MILLIS) < 0) {
            throw new IllegalStateException(path + ": no frame within " + FIRST_FRAME_TIMEOUT_MILLIS + " ms");
        }
        pause(TimeUnit.SECONDS.toNanos(settings.warmupSeconds()));
        log.restart();
        long windowStart = System.nanoTime();
        pause(TimeUnit.SECONDS.toNanos(settings.latencySeconds()));
        long windowEnd = System.nanoTime();
        double sinkFps = Math.round(log.frames() * 1e10 / (windowEnd - windowStart)) / 10.0;
        double videoKbps = Math.round(call.videoKbps(windowStart, windowEnd));
        long[] ages = log.ages();
        double worstSecond = MediaMeasure.worstSecondMedian(ages, settings.video().fps());

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jvmStart = os.getProcessCpuTime();
        double relayStart = cpuSeconds(relayPid);
        long wallStart = System.nanoTime();
        pause(TimeUnit.SECONDS.toNanos(settings.costSeconds()));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double jvmCpu = (os.getProcessCpuTime() - jvmStart) / 1e9 / wall;
        double relayCpu = (cpuSeconds(relayPid) - relayStart) / wall;
        CandidatePair pair = call.pair();
        call.stop();
        pause(TimeUnit.MILLISECONDS.toNanos(settings.settleMillis()));

        long[] startups = new long[settings.startupRuns()];
        for (int run = -1; run < startups.length; run++) {
            ArrivalLog first = call.play();
            long nanos = first.awaitFirstFrame(FIRST_FRAME_TIMEOUT_MILLIS);
            call.stop();
            if (run >= 0) {
                startups[run] = nanos;
            }
            pause(TimeUnit.MILLISECONDS.toNanos(settings.settleMillis()));
        }
        if (path.equals("relayed") != pair.relayed()) {
            throw new IllegalStateException(path + " call went over " + pair);
        }
        return new PathFigures(path, round, pair, ages, sinkFps, videoKbps, worstSecond, round3(jvmCpu), round3(relayCpu),
                startups);
    }

    /** User and system CPU time of process {@code pid} so far, in seconds, from /proc. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3 of the line, utime 14 and stime 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * SECONDS_PER_TICK;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void pause(long nanos) {
        RenderBenchmark.parkUntil(System.nanoTime() + nanos);
    }
}
