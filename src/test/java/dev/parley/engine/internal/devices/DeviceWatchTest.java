package dev.parley.engine.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.UpdateType;
import dev.parley.engine.internal.core.FakeScheduler;
import dev.parley.engine.internal.devices.CameraWatcher.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device watch in fake time: nothing is looked at before the first device use, then one look
 * at once and one every 2 s, so a camera plugged in is reported at the next look; a look asked for
 * comes at once as well.
 */
class DeviceWatchTest {
    private final FakeScheduler loop = new FakeScheduler();
    private final List<DeviceInfo> present = new ArrayList<>();
    private final CameraWatcher cameras = new CameraWatcher(() -> present);
    private final List<Long> looks = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    /** Looks run where the watch is told to run them: here, on the test thread at once. */
    private final DeviceWatch watch = new DeviceWatch(loop, Runnable::run, () -> {
        looks.add(loop.elapsedMillis());
        for (Change change : cameras.poll()) {
            reported.add(loop.elapsedMillis() + " " + change.type() + " " + change.device().deviceID());
        }
    });
    private final DeviceInfo usb = new DeviceInfo("/dev/video2", "USB camera");

    @Test
    void looksAtOnceOnFirstUseThenEveryTwoSeconds() {
        loop.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), looks, "no look before the first device use");

        long start = loop.elapsedMillis();
        watch.start();
        watch.start();
        assertEquals(List.of(start), looks, "one look at once, however often the devices are asked for");
        loop.advance(Duration.ofMillis(DeviceWatch.PERIOD_MILLIS - 1));
        assertEquals(1, looks.size());
        loop.advance(Duration.ofMillis(1));
        loop.advance(Duration.ofMillis(2 * DeviceWatch.PERIOD_MILLIS));
        assertEquals(List.of(start, start + 2000, start + 4000, start + 6000), looks);
    }

    @Test
    void aCameraPluggedInIsReportedAtTheNextLook() {
        watch.start();
        long start = loop.elapsedMillis();
        loop.advance(Duration.ofMillis(500));
        present.add(usb);
        loop.advance(Duration.ofMillis(1499));
        assertEquals(List.of(), reported, "not before the next look");
        loop.advance(Duration.ofMillis(1));
        assertEquals(List.of((start + 2000) + " ADD /dev/video2"), reported);
        present.clear();
        loop.advance(Duration.ofMillis(2000));
        assertEquals((start + 4000) + " " + UpdateType.DELETE + " /dev/video2", reported.get(1));
    }

    @Test
    void aLookAskedForComesAtOnceAndThenTheAnswer() {
        List<String> order = new ArrayList<>();
        watch.lookNow(() -> order.add("answer after " + looks.size() + " looks"));
        assertEquals(List.of("answer after 2 looks"), order, "the watch's first look, then the one asked for");
        loop.advance(Duration.ofMillis(DeviceWatch.PERIOD_MILLIS));
        assertEquals(3, looks.size(), "the 2 s watch runs as well");
    }
}
