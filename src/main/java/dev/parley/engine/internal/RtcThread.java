package dev.parley.engine.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which an engine makes every webrtc-java call, because the peer-connection API
 * is not thread-safe.
 *
 * <p>Thread-safe entry points. Lives from the first media use to destroy.
 */
final class RtcThread {
    private static final Logger LOG = LoggerFactory.getLogger(RtcThread.class);
    private final ExecutorService executor;

    RtcThread(int engineNumber) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parley-rtc-" + engineNumber);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the RTC thread; failures are logged. */
    void execute(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("{} failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("RTC thread stopped; dropped {}", what);
        }
    }

    /** Runs {@code task} on the RTC thread and waits for it; never call from the RTC thread. */
    <T> T call(Callable<T> task, long timeoutMillis) throws Exception {
        try {
            return executor.submit(task).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("RTC thread did not answer in " + timeoutMillis + " ms", e);
        }
    }

    void shutdown() {
        executor.shutdown();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
