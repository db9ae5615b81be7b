package dev.parley.bench;

import java.util.List;

/**
 * What one subject (Parley or the raw baseline) measured at one video size. Immutable.
 *
 * @param latency push-to-sink age of the frames of all the latency windows together
 * @param worstSecondMs the highest median age over any one second (30 frames at 30 fps) of those
 *                      windows: a spike moves it little, a latency that climbs and stays a while moves it
 * @param sinkFps frames per second that reached the sink in those windows
 * @param unreadable frames in those windows whose test pattern could not be read
 * @param rounds each latency window on its own, in the order measured
 * @param startup time from asking to play to the first frame in the sink
 * @param cpuPerCallSecond process CPU seconds per second of steady call, or NaN where not measured
 */
record SubjectFigures(LatencySummary latency, double worstSecondMs, double sinkFps, long unreadable, List<Round> rounds,
                      Startup startup, double cpuPerCallSecond) {

    /**
     * One latency window.
     *
     * @param p50Ms its median age
     * @param worstSecondMs its highest one-second median
     * @param load the system's one-minute load average at its end
     */
    record Round(double p50Ms, double worstSecondMs, double load) {
    }

    /**
     * Start-up over the measured runs.
     *
     * @param runs runs measured
     * @param missing runs with no frame within the timeout, left out of the percentiles
     * @param p50Ms median
     * @param p95Ms 95th percentile
     * @param maxMs slowest run
     */
    record Startup(int runs, int missing, double p50Ms, double p95Ms, double maxMs) {
        static Startup of(long[] nanos) {
            int missing = (int) java.util.Arrays.stream(nanos).filter(v -> v < 0).count();
            return new Startup(nanos.length, missing, LatencySummary.percentileMs(nanos, 50),
                    LatencySummary.percentileMs(nanos, 95), LatencySummary.percentileMs(nanos, 100));
        }
    }
}
