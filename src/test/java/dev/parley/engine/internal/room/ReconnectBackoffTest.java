package dev.parley.engine.internal.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static final long MS = 1_000_000;

    @Test
    void delaysGrowToTheCapWithJitter() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofMinutes(20));
        backoff.begin(0);
        long previousBase = 250;
        for (int i = 0; i < 12; i++) {
            long delay = backoff.nextDelayMillis(0);
            long base = Math.min(2000, 250L << i);
            assertTrue(delay >= base / 2 && delay <= base, "attempt " + i + ": " + delay + " not in [" + base / 2 + "," + base + "]");
            previousBase = base;
        }
        assertEquals(2000, previousBase);
    }

    @Test
    void theWindowEndsTheRetries() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(8), Duration.ofSeconds(10));
        backoff.begin(5 * 1000 * MS);
        assertTrue(backoff.nextDelayMillis(6 * 1000 * MS) >= 0);
        long last = backoff.nextDelayMillis(14_900 * MS);
        assertTrue(last >= 0 && last <= 100, "never waits past the window: " + last);
        assertEquals(-1, backoff.nextDelayMillis(15 * 1000 * MS));
    }

    @Test
    void resetStartsANewWindow() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(8), Duration.ofSeconds(10));
        backoff.begin(0);
        assertEquals(-1, backoff.nextDelayMillis(11 * 1000 * MS));
        backoff.reset();
        backoff.begin(11 * 1000 * MS);
        assertTrue(backoff.nextDelayMillis(11 * 1000 * MS) >= 0);
    }
}
