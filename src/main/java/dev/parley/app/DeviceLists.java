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

    /** Reads the lists the engine keeps current: cheap, no native calls. Nothing without an engine. */
    void refresh(ParleyEngine engine) {
        if (engine == null) {
            return;
        }
        cameras.setAll(engine.getVideoDevices());
        microphones.setAll(engine.getAudioDevices());
        if (camera.get() == null && !cameras.isEmpty()) {
            camera.set(cameras.get(0).deviceID());
        }
        if (microphone.get() == null && !microphones.isEmpty()) {
            microphone.set(microphones.get(0).deviceID());
        }
    }

    /** Applies the chosen devices to a new engine. */
    void applyTo(ParleyEngine engine) {
        if (camera.get() != null) {
            engine.useVideoDevice(camera.get());
        }
        if (microphone.get() != null) {
            engine.useAudioDevice(microphone.get());
        }
    }

    /** Chooses a camera; with no engine yet, it applies to the next one. */
    void useCamera(ParleyEngine engine, String deviceID) {
        if (engine != null) {
            engine.useVideoDevice(deviceID);
        }
        camera.set(deviceID);
    }

    /** Chooses a microphone; with no engine yet, it applies to the next one. */
    void useMicrophone(ParleyEngine engine, String deviceID) {
        if (engine != null) {
            engine.useAudioDevice(deviceID);
        }
        microphone.set(deviceID);
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
