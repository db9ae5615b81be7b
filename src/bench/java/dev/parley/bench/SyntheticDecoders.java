package dev.parley.bench;

import dev.parley.engine.VideoSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Threads that push test-pattern frames into sinks at a fixed rate, as decode threads would,
 * without the cost of codecs. Lifecycle: {@link #close()} stops and joins them.
 */
final class SyntheticDecoders implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    void start(VideoSink sink, int width, int height, int fps) {
        Thread t = new Thread(() -> {
            I420TestFrame frame = new I420TestFrame(width, height);
            long period = TimeUnit.SECONDS.toNanos(1) / fps;
            long next = System.nanoTime();
            try {
                for (long counter = 0; running; counter++) {
                    frame.paint(counter);
                    sink.onFrame(frame);
                    next += period;
                    RenderBenchmark.parkUntil(next);
                }
            } finally {
                frame.dispose();
            }
        }, "synthetic-decoder-" + threads.size());
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
