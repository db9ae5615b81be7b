package dev.parley.engine.internal.core;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine loop: the one thread that holds every room's state and runs every engine timer,
 * on the system clock. A task that throws is logged; a periodic one then stops, as with any
 * scheduled executor.
 *
 * <p>Thread-safe. Created with the engine; {@link #shutdown()} at the end of destroyEngine drops
 * the timers still pending.
 */
public final class EngineLoop implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

    private final ScheduledThreadPoolExecutor executor;
    private final Confinement confinement;

    public EngineLoop(int engineNumber) {
        this.confinement = new Confinement("the engine loop of engine " + engineNumber);
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "parley-engine-" + engineNumber);
            t.setDaemon(true);
            confinement.bind(t);
            return t;
        });
        // timers still pending at destroy (reconnect, request timeouts) must not keep the thread alive
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(logged(task));
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        return cancellable(executor.schedule(logged(task), delayMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Runnable task, long initialDelayMillis, long periodMillis) {
        return cancellable(executor.scheduleWithFixedDelay(logged(task), initialDelayMillis, periodMillis,
                TimeUnit.MILLISECONDS));
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Confinement confinement() {
        return confinement;
    }

    /** Stops the loop after the task running now; pending timers are dropped. */
    public void shutdown() {
        executor.shutdown();
    }

    public boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private static Cancellable cancellable(ScheduledFuture<?> future) {
        return () -> future.cancel(false);
    }

    /** The executor keeps a task's exception in its future, where nobody looks: log it first. */
    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("engine task failed", e);
                throw e;
            }
        };
    }
}
