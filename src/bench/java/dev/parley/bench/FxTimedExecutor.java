package dev.parley.bench;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Posts to the FX thread like {@code Platform::runLater} and times each task there; an optional
 * hook runs after each task (outside the timing), on the FX thread. Thread-safe.
 */
final class FxTimedExecutor implements Executor {
    private final SampleLog samples;
    private final Runnable after;
    private final AtomicLong busyNanos = new AtomicLong();
    private final SampleLog queueDelays = new SampleLog();

    FxTimedExecutor(SampleLog samples, Runnable after) {
        this.samples = samples;
        this.after = after;
    }

    @Override
    public void execute(Runnable task) {
        long posted = System.nanoTime();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            queueDelays.add(start - posted);
            task.run();
            long spent = System.nanoTime() - start;
            busyNanos.addAndGet(spent);
            samples.add(spent);
            if (after != null) {
                after.run();
            }
        });
    }

    /** How long swaps waited in the FX queue before they ran. */
    SampleLog queueDelays() {
        return queueDelays;
    }

    long busyNanos() {
        return busyNanos.get();
    }
}
