package dev.parley.engine.internal.devices;

import dev.parley.engine.internal.core.Scheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Looks at the cameras and microphones from the first device use on: once at once, then every
 * {@link #PERIOD_MILLIS} on the engine loop's clock, each look made on the RTC thread, where the
 * device calls are allowed. Plugs and unplugs are found by comparing looks.
 *
 * <p>Thread-safe. Its timer lives until the engine loop stops.
 */
public final class DeviceWatch {
    public static final long PERIOD_MILLIS = 2000;

    private final Scheduler loop;
    private final Executor rtc;
    private final Runnable look;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * @param rtc runs a look on the RTC thread
     * @param look looks at every device once, reporting what came and went
     */
    public DeviceWatch(Scheduler loop, Executor rtc, Runnable look) {
        this.loop = loop;
        this.rtc = rtc;
        this.look = look;
    }

    /** Starts watching, unless already started: one look now, then one every period. Any thread. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            rtc.execute(look);
            loop.scheduleWithFixedDelay(() -> rtc.execute(look), PERIOD_MILLIS, PERIOD_MILLIS);
        }
    }

    /** Starts watching, and looks now as well; {@code then} runs on the RTC thread after the look. */
    public void lookNow(Runnable then) {
        start();
        rtc.execute(() -> {
            look.run();
            then.run();
        });
    }
}
