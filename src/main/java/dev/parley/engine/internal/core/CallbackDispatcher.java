package dev.parley.engine.internal.core;

import dev.parley.engine.EventHandler;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the app's {@link EventHandler} on the callback executor, one at a time and in
 * the order they were emitted, whatever the executor does with the tasks it gets (a pool of
 * threads, a last-in-first-out queue): it is handed one task at a time, which runs the queued
 * events in order. The handler is read when an event runs, so {@code setEventHandler} takes effect
 * for events not yet delivered.
 *
 * <p>Thread-safe. Lives as long as its engine.
 */
public final class CallbackDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);
    /** Events delivered by one task before it yields the executor to whatever else it runs. */
    private static final int BATCH = 64;

    private final Executor executor;
    private final Object lock = new Object();
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean delivering;
    private volatile EventHandler handler;

    public CallbackDispatcher(Executor executor, EventHandler handler) {
        this.executor = executor;
        this.handler = handler;
    }

    public void handler(EventHandler value) {
        this.handler = value;
    }

    /** Runs {@code event} against the current handler on the callback executor. */
    public void emit(Consumer<EventHandler> event) {
        run(() -> {
            EventHandler h = handler;
            if (h != null) {
                event.accept(h);
            }
        });
    }

    /** Runs any app callback on the callback executor, after those emitted before it. */
    public void run(Runnable callback) {
        synchronized (lock) {
            queue.add(callback);
            if (delivering) {
                return;
            }
            delivering = true;
        }
        handOver();
    }

    private void handOver() {
        try {
            executor.execute(this::deliver);
        } catch (RuntimeException e) {
            int dropped;
            synchronized (lock) {
                dropped = queue.size();
                queue.clear();
                delivering = false;
            }
            LOG.warn("the callback executor refused {} event(s): {}", dropped, e.toString());
        }
    }

    /** On the callback executor: runs queued events in order, and hands over again if more are left. */
    private void deliver() {
        for (int i = 0; i < BATCH; i++) {
            Runnable next;
            synchronized (lock) {
                next = queue.poll();
                if (next == null) {
                    delivering = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("an event handler threw", e);
            } catch (Error e) {
                handOver(); // the events after it still go out, on a task of their own
                throw e;
            }
        }
        handOver();
    }
}
