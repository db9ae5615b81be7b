package dev.parley.testing;

import dev.parley.engine.ParleyEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Destroys engines and waits for their destroy callbacks; lists the threads engines leave. */
public final class Engines {
    private Engines() {
    }

    /** Names of the live threads that belong to engines: engine, callback, RTC, sources and sockets. */
    public static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && (n.startsWith("parley-engine-") || n.startsWith("parley-callback-")
                    || n.startsWith("parley-rtc-") || n.startsWith("parley-pattern-") || n.startsWith("parley-tone-")
                    || n.startsWith("WebSocketConnectReadThread") || n.startsWith("WebSocketWriteThread"))) {
                names.add(n);
            }
        }
        return names;
    }

    public static void destroy(ParleyEngine... engines) {
        for (ParleyEngine engine : engines) {
            if (engine == null) {
                continue;
            }
            CountDownLatch done = new CountDownLatch(1);
            try {
                engine.destroyEngine(done::countDown);
            } catch (IllegalStateException alreadyDestroyed) {
                continue;
            }
            try {
                if (!done.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("destroyEngine did not call back within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
