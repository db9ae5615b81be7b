package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {
    @Test
    void noWindowOfOneSecondHoldsMoreThanTheLimit() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, 1000);
        assertTrue(limiter.allows(0));
        limiter.record(0);
        assertTrue(limiter.allows(400));
        limiter.record(400);
        assertFalse(limiter.allows(999), "two already in (0, 999]");
        assertTrue(limiter.allows(1000), "the first left the window");
        limiter.record(1000);
        assertFalse(limiter.allows(1399));
        assertTrue(limiter.allows(1400));
    }

    @Test
    void askingDoesNotCount() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, 1000);
        assertTrue(limiter.allows(0));
        assertTrue(limiter.allows(1));
        limiter.record(1);
        assertFalse(limiter.allows(2));
    }
}
