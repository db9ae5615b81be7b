package dev.parley.bench;

import dev.parley.engine.FrameCounterSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sinks of the streams a benchmark plays, and what they received over a window: frames per
 * second of each, and the sizes seen. Sinks are added from the main thread; the engines call
 * them on their decode threads.
 */
final class PlayedStreams {
    private final List<FrameCounterSink> sinks = new ArrayList<>();
    private long[] startFrames = new long[0];
    private long startNanos;

    FrameCounterSink add() {
        FrameCounterSink sink = new FrameCounterSink();
        sinks.add(sink);
        return sink;
    }

    int size() {
        return sinks.size();
    }

    /** Waits until every sink has frames of {@code width} (0: any), for at most {@code timeoutSeconds}. */
    boolean awaitFrames(int width, int timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (sinks.stream().allMatch(s -> s.frames() > 0 && (width == 0 || s.width() == width))) {
                return true;
            }
            RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        }
        return false;
    }

    void startWindow() {
        startFrames = sinks.stream().mapToLong(FrameCounterSink::frames).toArray();
        startNanos = System.nanoTime();
    }

    /** What arrived since {@link #startWindow()}. */
    Window endWindow() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double[] fps = new double[sinks.size()];
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < fps.length; i++) {
            FrameCounterSink s = sinks.get(i);
            fps[i] = (s.frames() - startFrames[i]) / seconds;
            sizes.merge(s.width() + "x" + s.height(), 1, Integer::sum);
        }
        return Window.of(fps, sizes);
    }

    /**
     * What the played streams received over one window.
     *
     * @param streams streams played
     * @param minFps the slowest stream's frames per second
     * @param medianFps the median stream's
     * @param sizes the last frame size of each stream, counted
     */
    record Window(int streams, double minFps, double medianFps, Map<String, Integer> sizes) {
        static Window of(double[] fps, Map<String, Integer> sizes) {
            double[] sorted = fps.clone();
            Arrays.sort(sorted);
            return new Window(sorted.length, sorted.length == 0 ? Double.NaN : round(sorted[0]),
                    sorted.length == 0 ? Double.NaN : round(sorted[(sorted.length - 1) / 2]), sizes);
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }

        String sizesText() {
            StringBuilder text = new StringBuilder();
            sizes.forEach((size, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append("× ").append(size));
            return text.toString();
        }
    }
}
