package dev.parley.app;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.ParleyEngine;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The cameras and microphones the engine lists, and the ones chosen. FX thread only. */
final class DeviceLists {
    private final ObservableList<DeviceInfo> cameras = FXCollections.observableArrayList();
    private final ObservableList<DeviceInfo> microphones = FXCollections.observableArrayList();
    private final ObservableList<DeviceInfo> camerasView = FXCollections.unmodifiableObservableList(cameras);
    private final ObservableList<DeviceInfo> microphonesView = FXCollections.unmodifiableObservableList(microphones);
    private final ReadOnlyStringWrapper camera = new ReadOnlyStringWrapper(this, "videoDevice");
    private final ReadOnlyStringWrapper microphone = new ReadOnlyStringWrapper(this, "audioDevice");
    /** Until the user picks, the engine's first device is shown and used (its list fills in late). */
    private boolean cameraPicked;
    private boolean microphonePicked;

    /** Reads the lists the engine keeps current: cheap, no native calls. Nothing without an engine. */
    void refresh(ParleyEngine engine) {
        if (engine == null) {
            return;
        }
        java.util.List<DeviceInfo> videoDevices = engine.getVideoDevices();
        java.util.List<DeviceInfo> audioDevices = engine.getAudioDevices();
        if (!cameras.equals(videoDevices)) {
            cameras.setAll(videoDevices);
        }
        if (!microphones.equals(audioDevices)) {
            microphones.setAll(audioDevices);
        }
        if (!cameraPicked && !cameras.isEmpty()) {
            camera.set(cameras.get(0).deviceID());
        }
        if (!microphonePicked && !microphones.isEmpty()) {
            microphone.set(microphones.get(0).deviceID());
        }
    }

    /**
     * A new engine: applies the user's picks and shows its lists, and shows them again once the
     * engine has looked at its devices (microphones are listed when its media starts), unless
     * {@code current} has moved on to another engine by then.
     */
    void attach(ParleyEngine engine, java.util.function.Supplier<ParleyEngine> current) {
        applyTo(engine);
        refresh(engine);
        engine.refreshDevices(code -> {
            if (current.get() == engine) {
                refresh(engine);
            }
        });
    }

    /** Applies the devices the user picked to a new engine; the others stay the engine's defaults. */
    void applyTo(ParleyEngine engine) {
        if (cameraPicked) {
            engine.useVideoDevice(camera.get());
        }
        if (microphonePicked) {
            engine.useAudioDevice(microphone.get());
        }
    }

    /** Chooses a camera; with no engine yet, it applies to the next one. */
    void useCamera(ParleyEngine engine, String deviceID) {
        if (engine != null) {
            engine.useVideoDevice(deviceID);
        }
        camera.set(deviceID);
        cameraPicked = true;
    }

    /** Chooses a microphone; with no engine yet, it applies to the next one. */
    void useMicrophone(ParleyEngine engine, String deviceID) {
        if (engine != null) {
            engine.useAudioDevice(deviceID);
        }
        microphone.set(deviceID);
        microphonePicked = true;
    }

    ObservableList<DeviceInfo> cameras() {
        return camerasView;
    }

    ObservableList<DeviceInfo> microphones() {
        return microphonesView;
    }

    ReadOnlyStringProperty camera() {
        return camera.getReadOnlyProperty();
    }

    ReadOnlyStringProperty microphone() {
        return microphone.getReadOnlyProperty();
    }
}
