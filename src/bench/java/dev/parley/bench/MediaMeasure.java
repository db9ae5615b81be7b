package dev.parley.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The measuring procedure, the same for Parley and the raw baseline: a long play for latency (and,
 * at the cost size, process CPU), then repeated short plays for start-up.
 *
 * <p>Runs on the benchmark's main thread; stateless apart from its settings.
 */
final class MediaMeasure {
    private static final long FIRST_FRAME_TIMEOUT_MILLIS = 10_000;
    private final MediaSettings settings;

    MediaMeasure(MediaSettings settings) {
        this.settings = settings;
    }

    SubjectFigures measure(MediaSubject subject, boolean withCost) throws Exception {
        ArrivalLog log = subject.play();
        if (log.awaitFirstFrame(FIRST_FRAME_TIMEOUT_MILLIS) < 0) {
            throw new IllegalStateException("no frame within " + FIRST_FRAME_TIMEOUT_MILLIS + " ms");
        }
        pause(TimeUnit.SECONDS.toNanos(settings.warmupSeconds()));
        log.restart();
        long windowStart = System.nanoTime();
        pause(TimeUnit.SECONDS.toNanos(settings.latencySeconds()));
        long frames = log.frames();
        double sinkFps = frames * 1e9 / (System.nanoTime() - windowStart);
        long[] ages = log.ages();
        LatencySummary latency = LatencySummary.ofNanos(ages);
        double worstSecond = worstSecondMedian(ages, settings.sizes().get(0).fps());
        long unreadable = log.unreadable();
        double cpu = withCost ? cpuPerSecond(TimeUnit.SECONDS.toNanos(settings.costSeconds())) : Double.NaN;
        subject.stop();
        pause(TimeUnit.MILLISECONDS.toNanos(settings.settleMillis()));
        return new SubjectFigures(latency, worstSecond, Math.round(sinkFps * 10) / 10.0, unreadable, startups(subject), cpu);
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
