package dev.parley.engine.internal.room;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: 250 ms doubling up to a cap, with jitter so that many clients
 * cut off together do not return in lockstep, inside a window that starts at the first failure.
 *
 * <p>Not thread-safe; used on the engine loop only.
 */
final class ReconnectBackoff {
    private static final long FIRST_DELAY_MILLIS = 250;
    private final long capMillis;
    private final long windowMillis;
    private long startedAtNanos = -1;
    private int attempts;

    ReconnectBackoff(Duration cap, Duration window) {
        this.capMillis = cap.toMillis();
        this.windowMillis = window.toMillis();
    }

    /** Starts a new window, unless one is already running. */
    void begin(long nowNanos) {
        if (startedAtNanos < 0) {
            startedAtNanos = nowNanos;
            attempts = 0;
        }
    }

    void reset() {
        startedAtNanos = -1;
        attempts = 0;
    }

    /** The delay before the next attempt, or -1 when the window has ended. */
    long nextDelayMillis(long nowNanos) {
        long elapsed = (nowNanos - startedAtNanos) / 1_000_000;
        if (elapsed >= windowMillis) {
            return -1;
        }
        long base = Math.min(capMillis, FIRST_DELAY_MILLIS << Math.min(attempts, 16));
        attempts++;
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Math.min(jittered, windowMillis - elapsed);
    }

    int attempts() {
        return attempts;
    }
}
