package dev.parley.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The measuring procedure, the same for Parley and the raw baseline: latency windows (one per
 * round, each on a freshly opened subject, so that the rounds of the two subjects can alternate),
 * then one long play for process CPU (at the cost size) and repeated short plays for start-up.
 *
 * <p>Runs on the benchmark's main thread; stateless apart from its settings.
 */
final class MediaMeasure {
    private static final long FIRST_FRAME_TIMEOUT_MILLIS = 10_000;
    private final MediaSettings settings;

    MediaMeasure(MediaSettings settings) {
        this.settings = settings;
    }

    /**
     * One latency window of one subject.
     *
     * @param ages push-to-sink age of every readable frame, nanoseconds
     * @param frames frames that reached the sink
     * @param seconds the window's length
     * @param unreadable frames whose pattern could not be read
     * @param worstSecondMs the highest one-second median
     * @param load the system's one-minute load average at the window's end
     */
    record LatencyWindow(long[] ages, long frames, double seconds, long unreadable, double worstSecondMs, double load) {
        double p50Ms() {
            return LatencySummary.percentileMs(ages, 50);
        }
    }

    /** A play of {@code subject}: warm-up, then one latency window. */
    LatencyWindow latency(MediaSubject subject) throws Exception {
        ArrivalLog log = subject.play();
        if (log.awaitFirstFrame(FIRST_FRAME_TIMEOUT_MILLIS) < 0) {
            throw new IllegalStateException("no frame within " + FIRST_FRAME_TIMEOUT_MILLIS + " ms");
        }
        pause(TimeUnit.SECONDS.toNanos(settings.warmupSeconds()));
        log.restart();
        long windowStart = System.nanoTime();
        pause(TimeUnit.SECONDS.toNanos(settings.latencySeconds()));
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        long[] ages = log.ages();
        LatencyWindow window = new LatencyWindow(ages, log.frames(), seconds, log.unreadable(),
                worstSecondMedian(ages, settings.sizes().get(0).fps()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        subject.stop();
        pause(TimeUnit.MILLISECONDS.toNanos(settings.settleMillis()));
        return window;
    }

    /** The latency windows of one subject over every round, with its cost and start-up. */
    static SubjectFigures figures(List<LatencyWindow> windows, SubjectFigures.Startup startup, double cpu) {
        List<long[]> all = windows.stream().map(LatencyWindow::ages).toList();
        long[] ages = all.stream().flatMapToLong(Arrays::stream).toArray();
        long frames = windows.stream().mapToLong(LatencyWindow::frames).sum();
        double seconds = windows.stream().mapToDouble(LatencyWindow::seconds).sum();
        List<SubjectFigures.Round> rounds = new ArrayList<>();
        for (LatencyWindow w : windows) {
            rounds.add(new SubjectFigures.Round(w.p50Ms(), w.worstSecondMs(), w.load()));
        }
        return new SubjectFigures(LatencySummary.ofNanos(ages),
                windows.stream().mapToDouble(LatencyWindow::worstSecondMs).max().orElse(Double.NaN),
                Math.round(frames / seconds * 10) / 10.0, windows.stream().mapToLong(LatencyWindow::unreadable).sum(),
                rounds, startup, cpu);
    }

    /** A play for process CPU over the cost window (when {@code withCost}), then the start-up runs. */
    Cost costAndStartup(MediaSubject subject, boolean withCost) throws Exception {
        double cpu = Double.NaN;
        if (withCost) {
            ArrivalLog log = subject.play();
            if (log.awaitFirstFrame(FIRST_FRAME_TIMEOUT_MILLIS) < 0) {
                throw new IllegalStateException("no frame within " + FIRST_FRAME_TIMEOUT_MILLIS + " ms");
            }
            pause(TimeUnit.SECONDS.toNanos(settings.warmupSeconds()));
            cpu = cpuPerSecond(TimeUnit.SECONDS.toNanos(settings.costSeconds()));
            subject.stop();
            pause(TimeUnit.MILLISECONDS.toNanos(settings.settleMillis()));
        }
        return new Cost(cpu, startups(subject));
    }

    /**
     * @param cpuPerCallSecond process CPU seconds per second of steady call, NaN where not measured
     * @param startup the start-up runs
     */
    record Cost(double cpuPerCallSecond, SubjectFigures.Startup startup) {
    }

    private SubjectFigures.Startup startups(MediaSubject subject) throws Exception {
        long[] nanos = new long[settings.startupRuns()];
        for (int run = -1; run < nanos.length; run++) {
            ArrivalLog log = subject.play();
            long firstFrame = log.awaitFirstFrame(FIRST_FRAME_TIMEOUT_MILLIS);
            subject.stop();
            if (run >= 0) {
                nanos[run] = firstFrame;
            }
            pause(TimeUnit.MILLISECONDS.toNanos(settings.settleMillis()));
        }
        return SubjectFigures.Startup.of(nanos);
    }

    /** The highest median over consecutive runs of {@code framesPerSecond} samples, in ms. */
    static double worstSecondMedian(long[] ages, int framesPerSecond) {
        double worst = Double.NaN;
        for (int from = 0; from + framesPerSecond <= ages.length; from += framesPerSecond) {
            double median = LatencySummary.percentileMs(Arrays.copyOfRange(ages, from, from + framesPerSecond), 50);
            worst = Double.isNaN(worst) ? median : Math.max(worst, median);
        }
        return worst;
    }

    /** Process CPU time over wall time while the current play goes on for {@code nanos}. */
    private static double cpuPerSecond(long nanos) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        pause(nanos);
        double perSecond = (double) (os.getProcessCpuTime() - cpuStart) / (System.nanoTime() - wallStart);
        return Math.round(perSecond * 1000) / 1000.0;
    }

    private static void pause(long nanos) {
        RenderBenchmark.parkUntil(System.nanoTime() + nanos);
    }
}
