package dev.parley.engine.internal.audio;

import dev.onvoid.webrtc.media.audio.AudioTrack;

/** Where the published audio comes from: the test tone or the microphone. RTC thread only. */
interface LocalAudioSource {
    AudioTrack track();

    /**
     * Whether the audio device module's recording feeds this source. When it does not, recording
     * must stay stopped: it would feed the send streams at the same time as the source.
     */
    boolean usesDeviceRecording();

    void dispose();
}
