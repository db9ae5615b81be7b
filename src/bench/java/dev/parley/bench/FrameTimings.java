package dev.parley.bench;

import dev.parley.engine.TestPattern;

/**
 * Per-frame timings at a receiver's sink, for finding where a latency gap comes from: the age of
 * each frame (send time in its pattern to the sink), and how that splits at the frame's render
 * time, the time WebRTC's receiver planned to show it ({@code VideoFrame.timestampNs}, on the same
 * monotonic clock as {@link System#nanoTime()}): planned (send to render time: encode, network,
 * the jitter buffer's target delay) and late (render time to the sink: waiting for the decoder
 * and the delivery thread beyond the plan).
 *
 * <p>Thread-safe: the sink's thread calls {@link #arrived}, the measuring thread reads.
 */
final class FrameTimings {
    private final SampleLog ages = new SampleLog();
    private final SampleLog planned = new SampleLog();
    private final SampleLog late = new SampleLog();

    /** A frame with {@code marks} (null when unreadable) and render time {@code renderNanos} reached the sink. */
    void arrived(TestPattern.Marks marks, long renderNanos) {
        if (marks == null) {
            return;
        }
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        long ageNanos = marks.ageMillis(nowMillis) * 1_000_000L;
        long lateNanos = nowNanos - renderNanos;
        ages.add(ageNanos);
        planned.add(ageNanos - lateNanos);
        late.add(lateNanos);
    }

    void restart() {
        ages.clear();
        planned.clear();
        late.clear();
    }

    LatencySummary ages() {
        return LatencySummary.ofNanos(ages.toArray());
    }

    /** Negative values mean the frame came before its render time; they are kept by shifting. */
    double plannedP50Ms() {
        return signedMedianMs(planned.toArray());
    }

    double lateP50Ms() {
        return signedMedianMs(late.toArray());
    }

    private static double signedMedianMs(long[] nanos) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return Math.round(sorted[(sorted.length - 1) / 2] / 1e3) / 1e3;
    }
}
