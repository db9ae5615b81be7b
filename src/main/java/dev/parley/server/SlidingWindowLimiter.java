package dev.parley.server;

import java.util.ArrayDeque;

/**
 * Allows at most {@code maxEvents} in any window of {@code windowMillis}: the literal reading of a
 * limit such as "2 broadcasts a second", which a token bucket would exceed at window edges.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class SlidingWindowLimiter {
    private final int maxEvents;
    private final long windowMillis;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    SlidingWindowLimiter(int maxEvents, long windowMillis) {
        this.maxEvents = maxEvents;
        this.windowMillis = windowMillis;
    }

    /** Whether one more event may happen at {@code nowMillis}; does not record it. */
    boolean allows(long nowMillis) {
        while (!times.isEmpty() && nowMillis - times.peekFirst() >= windowMillis) {
            times.removeFirst();
        }
        return times.size() < maxEvents;
    }

    void record(long nowMillis) {
        times.addLast(nowMillis);
    }
}
