package dev.parley.engine.internal.rtc;

import dev.parley.engine.internal.core.Confinement;
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
 * The one thread on which an engine makes every webrtc-java call, because the Java side of the
 * peer-connection API is not thread-safe (docs/webrtc-java-0.14.md, section 8). Methods that must
 * run there check {@link #confinement()} on entry.
 *
 * <p>Thread-safe entry points. Lives from the engine's creation to destroy.
 */
public final class RtcThread {
    private static final Logger LOG = LoggerFactory.getLogger(RtcThread.class);
    private final ExecutorService executor;
    private final Confinement confinement;

    public RtcThread(int engineNumber) {
        this.confinement = new Confinement("the RTC thread of engine " + engineNumber);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parley-rtc-" + engineNumber);
            t.setDaemon(true);
            confinement.bind(t);
            return t;
        });
    }

    /** The RTC thread, which the methods confined to it check. */
    public Confinement confinement() {
        return confinement;
    }

    /** Runs {@code task} on the RTC thread after the tasks already queued; failures are logged. */
    public void execute(String what, Runnable task) {
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

    /**
     * Runs {@code task} on the RTC thread and waits for it; called on the RTC thread itself it runs
     * at once, since waiting there for the thread's own queue could only time out.
     */
    public <T> T call(Callable<T> task, long timeoutMillis) throws Exception {
        if (confinement.isCurrent()) {
            return task.call();
        }
        try {
            return executor.submit(task).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("RTC thread did not answer in " + timeoutMillis + " ms", e);
        }
    }

    public void shutdown() {
        executor.shutdown();
    }

    public boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
