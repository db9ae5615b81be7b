package dev.parley.server;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code burst}.
 *
 * <p>Not thread-safe; each owner uses it from one thread at a time. Time comes from the caller so
 * tests can drive it.
 */
final class RateLimiter {
    private final double ratePerMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    RateLimiter(int ratePerSecond, int burst, long nowMillis) {
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    /** Takes one token if there is one. */
    boolean tryAcquire(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Whether the bucket has refilled to its burst, so forgetting it would change nothing. */
    boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= burst;
    }

    private void refill(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * ratePerMilli);
            lastMillis = nowMillis;
        }
    }
}
