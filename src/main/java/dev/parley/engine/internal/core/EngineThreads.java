package dev.parley.engine.internal.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one engine owns apart from the RTC thread: the engine loop, and, when the app gives
 * no executor, the callback thread. Each engine has a number of its own, which its thread names
 * carry.
 *
 * <p>Thread-safe. Created with the engine and shut down at the end of destroyEngine.
 */
public final class EngineThreads {
    private static final AtomicInteger ENGINE_NUMBERS = new AtomicInteger();

    private final int engineNumber = ENGINE_NUMBERS.incrementAndGet();
    private final EngineLoop loop = new EngineLoop(engineNumber);
    private final ExecutorService callbackThread;

    /** @param callbackExecutor the app's executor for callbacks, or null for a thread of the engine's own */
    public EngineThreads(Executor callbackExecutor) {
        this.callbackThread = callbackExecutor == null ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parley-callback-" + engineNumber);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public int engineNumber() {
        return engineNumber;
    }

    public EngineLoop loop() {
        return loop;
    }

    /** The engine-owned callback thread, or null when the app supplied an executor. */
    public Executor callbackThread() {
        return callbackThread;
    }

    /** Stops the loop; the callback thread ends after the callbacks already queued. */
    public void shutdown() {
        loop.shutdown();
        if (callbackThread != null) {
            callbackThread.shutdown();
        }
    }

    public boolean awaitTermination(long millis) throws InterruptedException {
        boolean loopDone = loop.awaitTermination(millis);
        return loopDone && (callbackThread == null || callbackThread.awaitTermination(millis, TimeUnit.MILLISECONDS));
    }
}
