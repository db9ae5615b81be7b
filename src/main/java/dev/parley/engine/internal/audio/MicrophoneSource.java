package dev.parley.engine.internal.audio;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real microphone: an audio track fed by the factory's audio device module, which WebRTC starts
 * recording when the first send stream with this track starts. Echo cancellation, noise suppression
 * and gain control are on, as for any call.
 *
 * <p>Created and disposed on the RTC thread. webrtc-java 0.14 gives the audio source no dispose, so
 * each source keeps a small native object until the process ends.
 */
final class MicrophoneSource implements LocalAudioSource {
    private static final Logger LOG = LoggerFactory.getLogger(MicrophoneSource.class);
    private final AudioTrack track;

    MicrophoneSource(PeerConnectionFactory factory, String trackId) {
        AudioOptions options = new AudioOptions();
        options.echoCancellation = true;
        options.noiseSuppression = true;
        options.autoGainControl = true;
        this.track = factory.createAudioTrack(trackId, factory.createAudioSource(options));
    }

    @Override
    public AudioTrack track() {
        return track;
    }

    @Override
    public boolean usesDeviceRecording() {
        return true;
    }

    @Override
    public void dispose() {
        try {
            track.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("microphone track dispose: {}", e.toString());
        }
    }
}
