package dev.parley.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.testfx.util.WaitForAsyncUtils;

/** Runs test code on the FX thread and waits for FX-side conditions. The toolkit must be started. */
public final class Fx {
    private Fx() {
    }

    /**
     * Runs {@code task} on the FX thread and returns its result. The wait is long because the first
     * task of a JVM (the first window, loading its classes and CSS) can take over 10 s on a loaded machine.
     */
    public static <T> T call(Callable<T> task) {
        try {
            return WaitForAsyncUtils.asyncFx(task).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX task failed", e);
        }
    }

    public static void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    public static void await(String what, Duration timeout, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> call(condition));
    }
}
