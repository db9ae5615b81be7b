package dev.parley.engine.internal.audio;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioSource;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.parley.engine.internal.core.Confinement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one received stream's decoded audio at a volume of its own, for the play volumes WebRTC's
 * mix cannot give (webrtc-java 0.14 bridges no per-stream gain): as the stream's
 * {@link AudioTrackSink} it takes the decoded PCM into a {@link PcmRing}, and as the
 * {@link AudioSource} of an audio device module of its own it plays that, scaled by volume/100 and
 * held within the 16-bit range, resampled to the rate the device asks for, on the module's playout
 * device (the default speaker, where WebRTC's own mix plays). The ring holds what the two modules'
 * bursts need, 30 to 60 ms on a quiet machine and never more than {@link #BUFFERED_MILLIS}; too
 * little buffered plays silence.
 *
 * <p>Lifecycle: {@link #start} and {@link #close} on the RTC thread, once each; the module is
 * disposed by {@link #close}, or by {@link #start} when it fails. {@link #volume} from any thread.
 * {@link #onData} runs on webrtc's audio thread of the received stream, {@link #onPlaybackData}
 * on the module's playout thread; neither allocates.
 */
public final class StreamVolumePlayer implements AudioTrackSink, AudioSource {
    private static final Logger LOG = LoggerFactory.getLogger(StreamVolumePlayer.class);
    /** The most decoded audio held back, which bounds the delay this path adds to WebRTC's own. */
    static final int BUFFERED_MILLIS = 300;
    /** How long the buffer watches the fewest samples it holds before it shortens its delay. */
    static final int WINDOW_MILLIS = 1000;
    /** The rate of the decoded audio until the first chunk tells it. */
    private static final int DECODED_RATE = 48_000;
    /** Input samples one device request may need: 100 ms at 48 kHz. */
    private static final int MAX_REQUEST_SAMPLES = 4800;

    private final AudioDeviceModule module;
    private final Confinement rtc;
    private final PcmRing ring = new PcmRing(DECODED_RATE * BUFFERED_MILLIS / 1000, DECODED_RATE * WINDOW_MILLIS / 1000);
    private volatile int volumePercent;
    private volatile int decodedRate = DECODED_RATE;
    private boolean started;
    private boolean closed;
    // playout thread only: the interpolation state between two decoded samples, and the input read per request
    private final short[] input = new short[MAX_REQUEST_SAMPLES];
    private double position;
    private int previous;
    private int current;

    /** {@code module}: a system audio device module of its own, never given to a factory. */
    public StreamVolumePlayer(AudioDeviceModule module, int volumePercent, Confinement rtc) {
        this.module = module;
        this.rtc = rtc;
        this.volumePercent = volumePercent;
    }

    /** The gain from now on, in percent: 100 as received, 200 twice the amplitude. Any thread. */
    public void volume(int percent) {
        volumePercent = percent;
    }

    /**
     * RTC thread: plays from now on on the module's first playout device (the default); false,
     * with the module disposed, when it cannot.
     */
    public boolean start() {
        rtc.check();
        if (started || closed) {
            throw new IllegalStateException("started once only");
        }
        started = true;
        try {
            List<AudioDevice> speakers = module.getPlayoutDevices();
            if (speakers.isEmpty()) {
                throw new IllegalStateException("no speaker listed");
            }
            module.setPlayoutDevice(speakers.get(0));
            module.setAudioSource(this);
            module.initPlayout();
            module.startPlayout();
            return true;
        } catch (Error | RuntimeException e) {
            LOG.warn("a stream's own playout cannot start: {}", e.toString());
            closed = true;
            dispose();
            return false;
        }
    }

    /** RTC thread: playing stops and the module is released; a second call does nothing. */
    public void close() {
        rtc.check();
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            try {
                module.stopPlayout();
            } catch (Error | RuntimeException e) {
                LOG.warn("stop a stream's own playout: {}", e.toString());
            }
        }
        dispose();
        LOG.info("a stream's own playout stopped: {}", ring.glitches());
        ring.clear();
    }

    private void dispose() {
        try {
            module.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("dispose a stream's own playout: {}", e.toString());
        }
    }

    /** Samples waiting to be played now. Any thread. */
    int buffered() {
        return ring.size();
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample == 16 && channels > 0) {
            decodedRate = sampleRate;
            ring.write(data, frames, channels);
        }
    }

    @Override
    public int onPlaybackData(byte[] audioSamples, int nSamples, int nBytesPerSample, int nChannels, int samplesPerSec) {
        int frames = Math.min(nSamples, audioSamples.length / Math.max(2, nBytesPerSample));
        double step = (double) decodedRate / samplesPerSec;
        // linear interpolation between the decoded samples around each output instant; the output
        // frames consume exactly floor(position + (frames - 1) * step) decoded samples
        int needed = Math.min(input.length, (int) Math.floor(position + (frames - 1) * step));
        int got = ring.read(input, 0, needed);
        for (int i = got; i < needed; i++) {
            input[i] = 0;
        }
        int volume = volumePercent;
        int next = 0;
        for (int i = 0; i < frames; i++) {
            while (position >= 1) {
                previous = current;
                current = next < needed ? input[next++] : 0;
                position -= 1;
            }
            double sample = previous + (current - previous) * position;
            position += step;
            int scaled = (int) Math.round(sample * volume / 100);
            short out = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
            for (int c = 0; c < nChannels; c++) {
                int o = 2 * (i * nChannels + c);
                audioSamples[o] = (byte) out;
                audioSamples[o + 1] = (byte) (out >> 8);
            }
        }
        return frames;
    }
}
