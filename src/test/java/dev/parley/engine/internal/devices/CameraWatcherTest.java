package dev.parley.engine.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.UpdateType;
import dev.parley.engine.internal.devices.CameraWatcher.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plugs and unplugs seen by comparing one look at the cameras with the last. */
class CameraWatcherTest {
    private final List<DeviceInfo> present = new ArrayList<>();
    private final CameraWatcher watcher = new CameraWatcher(() -> present);
    private final DeviceInfo usb = new DeviceInfo("/dev/video2", "USB camera");
    private final DeviceInfo builtIn = new DeviceInfo("/dev/video0", "Integrated camera");

    @Test
    void firstLookReportsEveryCameraThenOnlyChanges() {
        present.add(builtIn);
        assertEquals(List.of(new Change(UpdateType.ADD, builtIn)), watcher.poll());
        assertTrue(watcher.poll().isEmpty(), "nothing changed");

        present.add(usb);
        assertEquals(List.of(new Change(UpdateType.ADD, usb)), watcher.poll());
        present.remove(usb);
        assertEquals(List.of(new Change(UpdateType.DELETE, usb)), watcher.poll());
        assertEquals(List.of(builtIn), watcher.known());
        assertTrue(watcher.contains("/dev/video0"));

        present.clear();
        present.add(usb);
        assertEquals(List.of(new Change(UpdateType.ADD, usb), new Change(UpdateType.DELETE, builtIn)), watcher.poll());
    }

    @Test
    void noCamerasMeansNoEvents() {
        assertTrue(watcher.poll().isEmpty());
        assertTrue(watcher.known().isEmpty());
    }
}
