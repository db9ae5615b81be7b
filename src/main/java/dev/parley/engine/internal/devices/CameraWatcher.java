package dev.parley.engine.internal.devices;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.UpdateType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Knows the cameras present and tells what changed since the last look: cameras plugged in (ADD)
 * and removed (DELETE). The first look reports every camera present as ADD.
 *
 * <p>Threading: {@link #poll()} on the RTC thread only; {@link #known()} from any thread.
 */
final class CameraWatcher {
    /** One camera that came or went. */
    record Change(UpdateType type, DeviceInfo device) {
    }

    private final Supplier<List<DeviceInfo>> lister;
    private volatile List<DeviceInfo> known = List.of();

    CameraWatcher(Supplier<List<DeviceInfo>> lister) {
        this.lister = lister;
    }

    List<Change> poll() {
        List<DeviceInfo> now = List.copyOf(lister.get());
        List<Change> changes = new ArrayList<>();
        for (DeviceInfo device : now) {
            if (known.stream().noneMatch(k -> k.deviceID().equals(device.deviceID()))) {
                changes.add(new Change(UpdateType.ADD, device));
            }
        }
        for (DeviceInfo device : known) {
            if (now.stream().noneMatch(n -> n.deviceID().equals(device.deviceID()))) {
                changes.add(new Change(UpdateType.DELETE, device));
            }
        }
        known = now;
        return changes;
    }

    /** The cameras found by the last look; empty before the first. */
    List<DeviceInfo> known() {
        return known;
    }

    boolean contains(String deviceId) {
        return known.stream().anyMatch(d -> d.deviceID().equals(deviceId));
    }
}
