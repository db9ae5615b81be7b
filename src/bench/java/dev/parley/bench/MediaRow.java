package dev.parley.bench;

/**
 * One target of the media benchmark and whether Parley met it. Immutable.
 *
 * @param measure what is compared, for example "latency p50"
 * @param size the video size
 * @param parley Parley's figure
 * @param raw the raw baseline's figure
 * @param ratio Parley over raw, to two places
 * @param target the target in words
 * @param met whether Parley's figure meets it; never with a missing figure
 */
record MediaRow(String measure, String size, double parley, double raw, double ratio, String target, boolean met) {

    /** Met when Parley's figure is at most {@code limit} times the raw one. */
    static MediaRow ratio(String measure, String size, double parley, double raw, double limit) {
        double ratio = ratioOf(parley, raw);
        return new MediaRow(measure, size, parley, raw, ratio, "≤ " + limit + "× raw", ratio <= limit);
    }

    /** Met when Parley's figure is below {@code limit}, whatever the raw one. */
    static MediaRow below(String measure, String size, double parley, double raw, double limit, String unit) {
        return new MediaRow(measure, size, parley, raw, ratioOf(parley, raw), "< " + limit + " " + unit, parley < limit);
    }

    private static double ratioOf(double parley, double raw) {
        return Math.round(parley / raw * 100) / 100.0;
    }
}
