package dev.parley.engine.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one engine owns: the engine loop, which holds all room state and runs every timer,
 * and, when the app gives no executor, the callback thread.
 *
 * <p>Thread-safe. Created with the engine and shut down at destroy.
 */
final class EngineThreads {
    private static final AtomicInteger ENGINE_NUMBERS = new AtomicInteger();

    private final int engineNumber = ENGINE_NUMBERS.incrementAndGet();
    private final ScheduledExecutorService loop;
    private final ExecutorService callbackThread;

    EngineThreads(boolean ownCallbackThread) {
        java.util.concurrent.ScheduledThreadPoolExecutor executor =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, named("parley-engine-" + engineNumber));
        // timers still pending at destroy (reconnect, request timeouts) must not keep the thread alive
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.loop = executor;
        this.callbackThread = ownCallbackThread
                ? Executors.newSingleThreadExecutor(named("parley-callback-" + engineNumber)) : null;
    }

    int engineNumber() {
        return engineNumber;
    }

    ScheduledExecutorService loop() {
        return loop;
    }

    /** The engine-owned callback thread, or null when the app supplied an executor. */
    ExecutorService callbackThread() {
        return callbackThread;
    }

    boolean inLoop() {
        return Thread.currentThread().getName().equals("parley-engine-" + engineNumber);
    }

    /** Stops the loop; the callback thread ends after the callbacks already queued. */
    void shutdown() {
        loop.shutdown();
        if (callbackThread != null) {
            callbackThread.shutdown();
        }
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        boolean loopDone = loop.awaitTermination(millis, TimeUnit.MILLISECONDS);
        return loopDone && (callbackThread == null || callbackThread.awaitTermination(millis, TimeUnit.MILLISECONDS));
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
