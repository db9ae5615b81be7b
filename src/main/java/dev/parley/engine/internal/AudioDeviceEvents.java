package dev.parley.engine.internal;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.UpdateType;
import dev.parley.protocol.ErrorCode;

/** Tells the app what {@link LocalAudio} finds, as callbacks on the callback executor. Stateless. */
final class AudioDeviceEvents implements LocalAudio.Events {
    private final EngineContext engine;

    AudioDeviceEvents(EngineContext engine) {
        this.engine = engine;
    }

    @Override
    public void noMicrophone() {
        int code = ErrorCode.DEVICE_NO_MICROPHONE.code();
        engine.callbacks().emit(h -> h.onDeviceError(code, DeviceInfo.DEFAULT_MICROPHONE_ID));
    }

    @Override
    public void changed(UpdateType type, DeviceInfo device) {
        engine.callbacks().emit(h -> h.onAudioDeviceStateChanged(type, device));
    }
}
