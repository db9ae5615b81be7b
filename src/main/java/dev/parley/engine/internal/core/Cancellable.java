package dev.parley.engine.internal.core;

/** A timer that can be stopped before it runs (again). Thread-safe. */
public interface Cancellable {
    /** Stops the timer; a run in progress finishes. */
    void cancel();
}
