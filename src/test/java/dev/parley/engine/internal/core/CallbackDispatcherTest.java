package dev.parley.engine.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.LastInFirstOutExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Callbacks run one at a time in the order emitted, whatever the executor does with its tasks. */
class CallbackDispatcherTest {

    @Test
    void eventsArriveInOrderAndOneAtATimeOnAnExecutorThatRunsNewestFirstOnThreeThreads() throws Exception {
        try (LastInFirstOutExecutor executor = new LastInFirstOutExecutor(3)) {
            CallbackDispatcher dispatcher = new CallbackDispatcher(executor, null);
            List<Integer> seen = new ArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            int count = 500;
            CountDownLatch done = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                dispatcher.run(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    synchronized (seen) {
                        seen.add(n);
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(10, TimeUnit.SECONDS), "every event delivered");
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add(i);
            }
            synchronized (seen) {
                assertEquals(expected, seen);
            }
            assertEquals(1, mostAtOnce.get(), "never two callbacks at once");
        }
    }

    @Test
    void aCallbackThatThrowsDoesNotStopTheOnesAfterIt() throws Exception {
        try (LastInFirstOutExecutor executor = new LastInFirstOutExecutor(1)) {
            CallbackDispatcher dispatcher = new CallbackDispatcher(executor, null);
            List<String> seen = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            dispatcher.run(() -> seen.add("first"));
            dispatcher.run(() -> {
                throw new IllegalStateException("an app's bug");
            });
            dispatcher.run(() -> {
                seen.add("third");
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("first", "third"), seen);
        }
    }
}
