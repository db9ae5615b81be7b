package dev.parley.engine.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's {@link PeerConnectionFactory} and audio device module, created on first media use.
 * Uses the headless audio device module, which needs no sound hardware.
 *
 * <p>Used on the RTC thread only. Disposed at destroy, after every peer connection is closed.
 */
final class MediaFactory {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFactory.class);
    private AudioDeviceModuleBase audioModule;
    private PeerConnectionFactory factory;

    PeerConnectionFactory get() {
        if (factory == null) {
            audioModule = new HeadlessAudioDeviceModule();
            factory = new PeerConnectionFactory(audioModule);
            LOG.info("media factory created with the headless audio device module");
        }
        return factory;
    }

    /** Whether received audio is played on a real device; false with the headless module. */
    boolean playsAudio() {
        return false;
    }

    boolean created() {
        return factory != null;
    }

    /**
     * Stops the audio device module's capture thread. WebRTC starts it whenever an audio send
     * stream starts; with a custom audio source it would feed the send stream at the same time as
     * the source (a fatal race in webrtc-java 0.14), and it replays what the module plays.
     */
    void stopDeviceRecording() {
        if (audioModule != null) {
            audioModule.stopRecording();
        }
    }

    void dispose() {
        if (factory != null) {
            try {
                factory.dispose();
            } catch (Error | RuntimeException e) {
                LOG.warn("factory dispose: {}", e.toString());
            }
            factory = null;
        }
        if (audioModule != null) {
            try {
                audioModule.dispose();
            } catch (Error | RuntimeException e) {
                LOG.warn("audio module dispose: {}", e.toString());
            }
            audioModule = null;
        }
    }
}
