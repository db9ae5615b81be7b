package dev.parley.engine.internal.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A confined method called off its thread throws, naming both threads; the tests run with the checks on. */
class ConfinementTest {

    @Test
    void theChecksAreOnInTests() {
        assertTrue(Confinement.checked(), "tests run with assertions enabled, which turns the checks on");
    }

    @Test
    void onlyTheBoundThreadPasses() throws Exception {
        Confinement loop = new Confinement("the engine loop of engine 7").bind(Thread.currentThread());
        assertDoesNotThrow(loop::check);
        assertTrue(loop.isCurrent());

        CompletableFuture<Throwable> elsewhere = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            try {
                loop.check();
                elsewhere.complete(null);
            } catch (Throwable t) {
                elsewhere.complete(t);
            }
        }, "some-app-thread");
        other.start();
        Throwable failure = elsewhere.get(10, TimeUnit.SECONDS);
        assertTrue(failure instanceof IllegalStateException, "off the thread: " + failure);
        assertTrue(failure.getMessage().contains("the engine loop of engine 7")
                && failure.getMessage().contains("some-app-thread"), failure.getMessage());
    }

    @Test
    void aThreadNotYetStartedOwnsNothing() {
        Confinement rtc = new Confinement("the RTC thread of engine 8");
        assertFalse(rtc.isCurrent());
        IllegalStateException failure = assertThrows(IllegalStateException.class, rtc::check);
        assertTrue(failure.getMessage().contains("not started"), failure.getMessage());
    }
}
