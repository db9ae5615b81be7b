package dev.parley.engine.internal.signaling;

import java.util.concurrent.atomic.AtomicLong;

/** The IDs an engine's requests carry, unique for the engine's life, so that each reply finds its request. Thread-safe. */
public final class RequestIds {
    private final AtomicLong last = new AtomicLong();

    public long next() {
        return last.incrementAndGet();
    }
}
