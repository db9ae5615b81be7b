package dev.parley.testing;

import dev.parley.engine.ParleyEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Destroys engines and waits for their destroy callbacks. */
public final class Engines {
    private Engines() {
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
