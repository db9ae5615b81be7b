package dev.parley.engine.internal.audio;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic microphone: a 440 Hz tone pushed in 10 ms frames (48 kHz, mono, 16 bit) into a
 * {@link CustomAudioSource}, while {@code gate} allows it.
 *
 * <p>Pushing holds {@code lock}, the lock the send connections hold while they add or remove the
 * audio sender, because the source's sink list is not thread-safe. Created and disposed on the
 * RTC thread.
 */
final class ToneSource implements LocalAudioSource {
    private static final Logger LOG = LoggerFactory.getLogger(ToneSource.class);
    private static final int SAMPLE_RATE = ToneSignal.SAMPLE_RATE;
    private static final int FRAMES_PER_10_MS = ToneSignal.FRAMES_PER_10_MS;

    private final CustomAudioSource source;
    private final AudioTrack track;
    private final ScheduledExecutorService pusher;
    private final Object lock;
    private final BooleanSupplier gate;
    private final SoundMeter meter;
    private final ToneSignal signal = new ToneSignal();
    private final byte[] pcm = new byte[FRAMES_PER_10_MS * 2];

    /** @param meter measures what is pushed, for the captured sound level */
    ToneSource(PeerConnectionFactory factory, String trackId, Object lock, BooleanSupplier gate, SoundMeter meter,
               int engineNumber) {
        this.lock = lock;
        this.gate = gate;
        this.meter = meter;
        this.source = new CustomAudioSource();
        this.track = factory.createAudioTrack(trackId, source);
        this.pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-tone-" + engineNumber);
            t.setDaemon(true);
            return t;
        });
        pusher.scheduleAtFixedRate(this::pushOne, 10, 10, TimeUnit.MILLISECONDS);
    }

    @Override
    public AudioTrack track() {
        return track;
    }

    @Override
    public boolean usesDeviceRecording() {
        return false;
    }

    private void pushOne() {
        if (!gate.getAsBoolean()) {
            return;
        }
        signal.next(pcm);
        try {
            synchronized (lock) {
                source.pushAudio(pcm, 16, SAMPLE_RATE, 1, FRAMES_PER_10_MS);
            }
            meter.add(pcm, FRAMES_PER_10_MS);
        } catch (RuntimeException | Error e) {
            LOG.warn("tone frame failed: {}", e.toString());
        }
    }

    @Override
    public void dispose() {
        pusher.shutdownNow();
        try {
            pusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            track.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("tone track dispose: {}", e.toString());
        }
        source.dispose();
    }
}
