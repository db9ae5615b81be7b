package dev.parley.cli;

import dev.parley.app.DevApp;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.ParleyEngine;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lists the devices for {@code parley devices}: makes an engine that never connects, asks it to
 * look for devices, and destroys it. Blocks the calling thread (a command line's main thread,
 * never the FX thread) for as long as the look takes.
 */
final class DeviceLister {
    /** The devices found. */
    record Lists(List<DeviceInfo> cameras, List<DeviceInfo> microphones) {
    }

    private DeviceLister() {
    }

    static Lists list() {
        ParleyEngine engine = ParleyEngine.createEngine(
                EngineProfile.builder(DevApp.APP_ID, "ws://127.0.0.1:1").appSign(DevApp.APP_SIGN).build(), new EventHandler() { });
        try {
            CountDownLatch listed = new CountDownLatch(1);
            engine.refreshDevices(code -> listed.countDown());
            if (!listed.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the device list did not come within 20 s");
            }
            return new Lists(engine.getVideoDevices(), engine.getAudioDevices());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing devices", e);
        } finally {
            CountDownLatch destroyed = new CountDownLatch(1);
            engine.destroyEngine(destroyed::countDown);
            try {
                destroyed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
