package dev.parley.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of a set of latency samples, in milliseconds. Percentiles use the nearest-rank
 * method on the sorted samples. Immutable.
 *
 * @param count samples
 * @param meanMs arithmetic mean
 * @param p50Ms median
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 * @param maxMs largest sample
 */
public record LatencySummary(int count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    /** Summarizes samples given in nanoseconds; negative values mark missing samples and are skipped. */
    public static LatencySummary ofNanos(long[] nanos) {
        long[] sorted = Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new LatencySummary(sorted.length, ms(sum / sorted.length), ms(rank(sorted, 50)), ms(rank(sorted, 90)),
                ms(rank(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    /** One percentile (nearest rank) of samples in nanoseconds, in milliseconds; negative samples are skipped. */
    public static double percentileMs(long[] nanos, double percentile) {
        long[] sorted = Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : ms(rank(sorted, percentile));
    }

    private static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** The figures as an ordered map, for the JSON report. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("meanMs", meanMs);
        map.put("p50Ms", p50Ms);
        map.put("p90Ms", p90Ms);
        map.put("p99Ms", p99Ms);
        map.put("maxMs", maxMs);
        return map;
    }
}
