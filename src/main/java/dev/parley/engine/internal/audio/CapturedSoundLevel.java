package dev.parley.engine.internal.audio;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioSink;
import dev.parley.engine.internal.core.Confinement;
import dev.parley.engine.internal.rtc.MediaFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level of what this engine captures, measured while the sound level monitor runs, before
 * and without publishing too. With the microphone as the source it records the sound server's
 * default microphone through an audio device module of its own, used for recording only (the
 * factory's module must never get a sink: webrtc-java-0.14.md, point 3b), and measures that PCM.
 * With the test tone it measures what the tone pushes, or, while no stream carries the tone, the
 * same tone computed on the spot. Without a microphone (silence is sent) it gives 0 and records
 * nothing, since the sound server's default input is then the speakers' monitor.
 *
 * <p>RTC thread only, apart from the recording callback (webrtc's recording thread), which only
 * feeds a {@link SoundMeter}. Lives as long as the engine's media; {@link #stop} closes the module.
 */
public final class CapturedSoundLevel {
    private static final Logger LOG = LoggerFactory.getLogger(CapturedSoundLevel.class);

    private final MediaFactory factory;
    private final LocalAudio audio;
    private final Confinement rtc;
    private final SoundMeter microphoneMeter = new SoundMeter();
    private final ToneSignal computedTone = new ToneSignal();
    private final byte[] toneFrame = new byte[ToneSignal.FRAMES_PER_10_MS * 2];
    private final SoundMeter computedMeter = new SoundMeter();
    private AudioDeviceModule recording;
    /** The system sound devices could not be opened for recording; not tried again until restarted. */
    private boolean recordingFailed;
    private boolean running;
    private long lastTakeNanos;

    public CapturedSoundLevel(MediaFactory factory, LocalAudio audio, Confinement rtc) {
        this.factory = factory;
        this.audio = audio;
        this.rtc = rtc;
    }

    /** RTC thread: measuring starts; looks at the microphones once so that the source is known. */
    public void start() {
        rtc.check();
        if (running) {
            return;
        }
        running = true;
        recordingFailed = false;
        audio.refresh();
        lastTakeNanos = System.nanoTime();
        microphoneMeter.take();
        audio.toneMeter().listen(true);
    }

    /** RTC thread: measuring stops, and the recording module closes. */
    public void stop() {
        rtc.check();
        running = false;
        audio.toneMeter().listen(false);
        closeRecording();
    }

    /** RTC thread: the level since the last take, 0 to 100, from the source in use now. */
    public float take() {
        rtc.check();
        long now = System.nanoTime();
        long elapsedNanos = now - lastTakeNanos;
        lastTakeNanos = now;
        if (!running) {
            return 0;
        }
        switch (audio.capture()) {
            case TONE -> {
                closeRecording();
                SoundMeter pushed = audio.toneMeter();
                if (audio.toneRunning() && pushed.heard()) {
                    return pushed.take();
                }
                return computedToneLevel(elapsedNanos);
            }
            case MICROPHONE -> {
                openRecording();
                return microphoneMeter.take();
            }
            default -> {
                closeRecording();
                return 0;
            }
        }
    }

    /** The tone the engine would send, computed for the time since the last look (at least 10 ms). */
    private float computedToneLevel(long elapsedNanos) {
        long frames = Math.max(1, Math.min(300, elapsedNanos / 10_000_000L));
        for (long i = 0; i < frames; i++) {
            computedTone.next(toneFrame);
            computedMeter.add(toneFrame, ToneSignal.FRAMES_PER_10_MS);
        }
        return computedMeter.take();
    }

    private void openRecording() {
        if (recording != null || recordingFailed) {
            return;
        }
        AudioDeviceModule module = factory.openFurtherModule();
        if (module == null) {
            recordingFailed = true;
            return;
        }
        AudioSink sink = (data, samples, bytesPerSample, channels, sampleRate, delayMillis, drift) ->
                microphoneMeter.add(data, data.length / 2);
        try {
            // a module outside a factory has no device chosen, and refuses to record until one is
            // (the Linux module then takes the default, whichever is chosen: webrtc-java-0.14.md §13)
            List<AudioDevice> microphones = module.getRecordingDevices();
            if (microphones.isEmpty()) {
                throw new IllegalStateException("no microphone listed");
            }
            module.setRecordingDevice(microphones.get(0));
            module.setAudioSink(sink);
            module.initRecording();
            module.startRecording();
            recording = module;
            microphoneMeter.take();
            LOG.debug("recording the microphone for its sound level");
        } catch (Error | RuntimeException e) {
            LOG.warn("microphone level recording: {}", e.toString());
            recordingFailed = true;
            dispose(module);
        }
    }

    private void closeRecording() {
        if (recording == null) {
            return;
        }
        AudioDeviceModule module = recording;
        recording = null;
        try {
            module.stopRecording();
        } catch (Error | RuntimeException e) {
            LOG.warn("stop microphone level recording: {}", e.toString());
        }
        dispose(module);
        microphoneMeter.take();
    }

    private static void dispose(AudioDeviceModule module) {
        try {
            module.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("microphone level module dispose: {}", e.toString());
        }
    }
}
