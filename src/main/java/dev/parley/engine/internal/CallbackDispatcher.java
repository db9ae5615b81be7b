package dev.parley.engine.internal;

import dev.parley.engine.EventHandler;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the app's {@link EventHandler} on the callback executor, one at a time and in
 * order. The handler is read when the event runs, so {@code setEventHandler} takes effect for
 * events not yet delivered.
 *
 * <p>Thread-safe. Lives as long as its engine.
 */
final class CallbackDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);
    private final Executor executor;
    private volatile EventHandler handler;

    CallbackDispatcher(Executor executor, EventHandler handler) {
        this.executor = executor;
        this.handler = handler;
    }

    void handler(EventHandler value) {
        this.handler = value;
    }

    /** Runs {@code event} against the current handler on the callback executor. */
    void emit(Consumer<EventHandler> event) {
        run(() -> {
            EventHandler h = handler;
            if (h != null) {
                event.accept(h);
            }
        });
    }

    /** Runs any app callback on the callback executor. */
    void run(Runnable callback) {
        try {
            executor.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.error("an event handler threw", e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("the callback executor refused an event: {}", e.toString());
        }
    }
}
