package dev.parley.engine.internal.audio;

/**
 * The sound level of 16-bit PCM between two looks: the producer adds samples as they pass (a
 * microphone's recording, the test tone, a played stream's decoded audio), the level monitor
 * takes the level of what came since its last look.
 *
 * <p>The level is the signal's RMS in dB below full scale, mapped linearly onto 0 to 100: -60 dBFS
 * and below (and nothing at all) is 0, 0 dBFS is 100; the engine's test tone measures about 70.
 * Thread-safe: {@link #add} runs on webrtc-java's audio threads, {@link #take} on the RTC thread.
 */
public final class SoundMeter {
    /** The quietest level above 0, in dB below full scale. */
    static final double FLOOR_DBFS = -60;

    private double sumOfSquares;
    private long samples;
    private volatile boolean listening;

    private SoundMeter(boolean listening) {
        this.listening = listening;
    }

    /** A meter that counts what is added. */
    public SoundMeter() {
        this(true);
    }

    /** A meter that counts nothing until {@link #listen} turns it on: for a source that always runs. */
    public static SoundMeter idle() {
        return new SoundMeter(false);
    }

    /** Turns counting on or off; what was counted before is dropped either way. */
    public void listen(boolean on) {
        listening = on;
        take();
    }

    /** Adds {@code count} little-endian 16-bit samples from the start of {@code pcm}; nothing while not listening. */
    public void add(byte[] pcm, int count) {
        if (!listening) {
            return;
        }
        int n = Math.min(count, pcm.length / 2);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int s = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            sum += (double) s * s;
        }
        synchronized (this) {
            sumOfSquares += sum;
            samples += n;
        }
    }

    /** Whether samples came since the last {@link #take}. */
    public synchronized boolean heard() {
        return samples > 0;
    }

    /** The level of the samples since the last take, 0 to 100 (0 when none came); starts again. */
    public float take() {
        double sum;
        long n;
        synchronized (this) {
            sum = sumOfSquares;
            n = samples;
            sumOfSquares = 0;
            samples = 0;
        }
        return n == 0 ? 0 : level(Math.sqrt(sum / n) / 32768.0);
    }

    /** An RMS amplitude (1 = full scale) as a level from 0 to 100. */
    static float level(double rms) {
        if (rms <= 0) {
            return 0;
        }
        double dbfs = 20 * Math.log10(rms);
        double level = (dbfs - FLOOR_DBFS) / -FLOOR_DBFS * 100;
        return (float) Math.max(0, Math.min(100, level));
    }
}
