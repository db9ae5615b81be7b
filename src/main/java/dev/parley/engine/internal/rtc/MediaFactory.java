package dev.parley.engine.internal.rtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.parley.engine.AudioDeviceMode;
import dev.parley.engine.internal.core.Confinement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's {@link PeerConnectionFactory} and audio device module, created on first media use.
 * With {@link AudioDeviceMode#SYSTEM} it opens the computer's sound devices when a sound server
 * answers ({@link SoundServerProbe}) and the module opens within {@link #OPEN_TIMEOUT_MILLIS} (a
 * frozen PulseAudio accepts connections but never answers); otherwise, and with
 * {@link AudioDeviceMode#HEADLESS}, it uses the headless module, which needs no sound hardware.
 *
 * <p>RTC thread only, apart from {@link #playsAudio()}. Disposed at destroy, after every peer
 * connection is closed.
 */
public final class MediaFactory {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFactory.class);
    static final long OPEN_TIMEOUT_MILLIS = 2000;
    private final AudioDeviceMode mode;
    private final Confinement rtc;
    private AudioDeviceModuleBase audioModule;
    private PeerConnectionFactory factory;
    private volatile boolean systemAudio;
    private boolean recordingStopped;

    public MediaFactory(AudioDeviceMode mode, Confinement rtc) {
        this.mode = mode;
        this.rtc = rtc;
    }

    /** The factory, created on first use (which loads the native library and opens the sound devices). */
    public PeerConnectionFactory get() {
        rtc.check();
        if (factory == null) {
            AudioDeviceModule system = mode == AudioDeviceMode.SYSTEM ? openSystemModule() : null;
            systemAudio = system != null;
            audioModule = system != null ? system : new HeadlessAudioDeviceModule();
            factory = new PeerConnectionFactory(audioModule);
            LOG.info("media factory created with the {} audio device module", systemAudio ? "system" : "headless");
        }
        return factory;
    }

    private static AudioDeviceModule openSystemModule() {
        if (!SoundServerProbe.ofProcess().reachable()) {
            LOG.info("no sound server answers; using no sound devices");
            return null;
        }
        try {
            // load the native library here, so that the timeout below covers only the sound server
            Class.forName(PeerConnectionFactory.class.getName(), true, MediaFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        // whoever claims first decides: the opener hands the module over, or the timeout gives it up
        AtomicBoolean claimed = new AtomicBoolean();
        FutureTask<AudioDeviceModule> open = new FutureTask<>(() -> {
            AudioDeviceModule opened = new AudioDeviceModule();
            if (!claimed.compareAndSet(false, true)) {
                opened.dispose();
                return null;
            }
            return opened;
        });
        Thread opener = new Thread(open, "parley-audio-open");
        opener.setDaemon(true);
        opener.start();
        try {
            return open.get(OPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!claimed.compareAndSet(false, true)) {
                return lateResult(open);
            }
            LOG.warn("the sound server did not answer within {} ms; using no sound devices", OPEN_TIMEOUT_MILLIS);
        } catch (ExecutionException e) {
            LOG.warn("sound devices cannot be opened ({}); using no sound devices", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The module that was handed over just as the wait ran out: it is about to be returned. */
    private static AudioDeviceModule lateResult(FutureTask<AudioDeviceModule> open) {
        try {
            return open.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * A further audio device module on the system's sound devices, for an owner that records or
     * plays through it by itself (the captured sound level, a stream at a play volume of its own),
     * never given to a factory; null when this engine has no system sound devices or they do not
     * open within {@link #OPEN_TIMEOUT_MILLIS}. The caller disposes it.
     */
    public AudioDeviceModule openFurtherModule() {
        rtc.check();
        get();
        return systemAudio ? openSystemModule() : null;
    }

    /** Whether the computer's sound devices are in use: received audio is played, the microphone recorded. Any thread. */
    public boolean playsAudio() {
        return systemAudio;
    }

    /** The module's microphones; empty for the headless module; null when the listing failed. */
    public List<AudioDevice> microphones() {
        rtc.check();
        if (!systemAudio) {
            return List.of();
        }
        try {
            return audioModule.getRecordingDevices();
        } catch (Error | RuntimeException e) {
            LOG.warn("microphone list: {}", e.toString());
            return null;
        }
    }

    /**
     * Stops the audio device module's recording. WebRTC starts it whenever an audio send stream
     * starts; with a custom audio source it would feed the send stream at the same time as the
     * source (a fatal race in webrtc-java 0.14), and the headless module replays what it plays.
     */
    public void stopDeviceRecording() {
        rtc.check();
        if (audioModule != null) {
            try {
                audioModule.stopRecording();
                recordingStopped = true;
            } catch (Error | RuntimeException e) {
                LOG.warn("stop recording: {}", e.toString());
            }
        }
    }

    /** Whether recording was stopped here since it last started. */
    public boolean recordingStopped() {
        return recordingStopped;
    }

    /**
     * Records from {@code device} (null: the system default) from now on. webrtc-java selects by
     * descriptor, which the Linux module leaves empty, so there only the default can be chosen.
     */
    public void startDeviceRecording(AudioDevice device) {
        rtc.check();
        if (!systemAudio) {
            return;
        }
        try {
            audioModule.stopRecording();
            if (device != null) {
                audioModule.setRecordingDevice(device);
            }
            audioModule.initRecording();
            audioModule.startRecording();
            recordingStopped = false;
        } catch (Error | RuntimeException e) {
            LOG.warn("start recording: {}", e.toString());
        }
    }

    public void dispose() {
        rtc.check();
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
