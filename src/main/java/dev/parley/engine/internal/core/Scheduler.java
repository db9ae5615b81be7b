package dev.parley.engine.internal.core;

import java.util.concurrent.Executor;

/**
 * The engine loop as the engine's parts see it: one thread that runs tasks one at a time in the
 * order given, timers that run on it, and the clock those timers read. Every part that keeps room
 * or media state takes its time and its timers from here, never from the wall clock or a timer
 * of its own, so that tests can run them in fake time.
 *
 * <p>All methods are thread-safe. {@link EngineLoop} is the engine's; tests use a fake whose time
 * moves only when told.
 */
public interface Scheduler extends Executor {
    /**
     * Runs {@code task} on the loop after the tasks already queued.
     *
     * @throws java.util.concurrent.RejectedExecutionException once the loop has stopped
     */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} on the loop once, {@code delayMillis} from now. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** Runs {@code task} on the loop {@code initialDelayMillis} from now, then {@code periodMillis} after each run ends. */
    Cancellable scheduleWithFixedDelay(Runnable task, long initialDelayMillis, long periodMillis);

    /** Monotonic time in nanoseconds, for timeouts, stalls and rates. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for what the server compares with its own clock. */
    long currentTimeMillis();

    /** The loop's thread, which the methods confined to it check. */
    Confinement confinement();
}
