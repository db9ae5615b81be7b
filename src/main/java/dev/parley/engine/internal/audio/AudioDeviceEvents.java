package dev.parley.engine.internal.audio;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.UpdateType;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.protocol.ErrorCode;

/** Tells the app what {@link LocalAudio} finds, as callbacks on the callback executor. Stateless. */
public final class AudioDeviceEvents implements LocalAudio.Events {
    private final CallbackDispatcher callbacks;

    public AudioDeviceEvents(CallbackDispatcher callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void noMicrophone() {
        int code = ErrorCode.DEVICE_NO_MICROPHONE.code();
        callbacks.emit(h -> h.onDeviceError(code, DeviceInfo.DEFAULT_MICROPHONE_ID));
    }

    @Override
    public void changed(UpdateType type, DeviceInfo device) {
        callbacks.emit(h -> h.onAudioDeviceStateChanged(type, device));
    }
}
