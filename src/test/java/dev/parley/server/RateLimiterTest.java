package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket behind the request and broadcast limits, on a clock the test drives. */
class RateLimiterTest {
    private static int acquired(RateLimiter limiter, int attempts, long nowMillis) {
        int got = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(nowMillis)) {
                got++;
            }
        }
        return got;
    }

    @Test
    void burstIsAvailableAtOnceThenRefused() {
        RateLimiter limiter = new RateLimiter(2, 2, 1000);
        assertEquals(2, acquired(limiter, 10, 1000));
        assertFalse(limiter.tryAcquire(1000));
    }

    @Test
    void tokensRefillAtTheRate() {
        RateLimiter limiter = new RateLimiter(2, 2, 0);
        assertEquals(2, acquired(limiter, 5, 0));
        assertFalse(limiter.tryAcquire(499), "half a token after 499 ms at 2/s is not enough");
        assertTrue(limiter.tryAcquire(500));
        assertFalse(limiter.tryAcquire(500));
        assertEquals(2, acquired(limiter, 5, 1500));
    }

    @Test
    void refillIsCappedAtTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 10, 0);
        assertEquals(10, acquired(limiter, 10, 0));
        assertEquals(10, acquired(limiter, 50, 60_000), "an hour of quiet still allows only the burst");
    }

    @Test
    void sustainedRateMatchesTheConfiguredRate() {
        RateLimiter limiter = new RateLimiter(50, 100, 0);
        int got = 0;
        for (long t = 0; t <= 10_000; t++) {
            got += acquired(limiter, 1, t);
        }
        // the burst of 100, then 50/s for 10 s
        assertEquals(600, got, 1);
    }

    @Test
    void aClockGoingBackwardsAddsNothing() {
        RateLimiter limiter = new RateLimiter(2, 2, 10_000);
        assertEquals(2, acquired(limiter, 2, 10_000));
        assertFalse(limiter.tryAcquire(5_000));
        assertFalse(limiter.tryAcquire(10_000));
        assertTrue(limiter.tryAcquire(10_500));
    }

    @Test
    void burstCanExceedTheRate() {
        RateLimiter limiter = new RateLimiter(1, 5, 0);
        assertEquals(5, acquired(limiter, 10, 0));
        assertEquals(1, acquired(limiter, 10, 1000));
    }
}
