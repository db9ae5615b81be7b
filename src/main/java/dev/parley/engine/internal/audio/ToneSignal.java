package dev.parley.engine.internal.audio;

/**
 * The test tone's samples: 440 Hz at about a fifth of full scale, 48 kHz mono 16-bit little
 * endian, 10 ms at a time, continuing where the last frame ended. Not thread-safe: one producer.
 */
final class ToneSignal {
    static final int SAMPLE_RATE = 48_000;
    static final int FRAMES_PER_10_MS = 480;
    private static final int HZ = 440;
    private static final int AMPLITUDE = 6000;

    private long sample;

    /** Writes the next 10 ms into {@code pcm}, which holds {@link #FRAMES_PER_10_MS} samples. */
    void next(byte[] pcm) {
        for (int i = 0; i < FRAMES_PER_10_MS; i++, sample++) {
            short s = (short) (AMPLITUDE * Math.sin(2 * Math.PI * HZ * sample / SAMPLE_RATE));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
    }
}
