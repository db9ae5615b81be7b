package dev.parley.engine.internal.audio;

/**
 * A small bounded buffer of mono 16-bit samples between a producer that delivers 10 ms at a time
 * (a played stream's decoded audio) and a consumer that takes what a sound device asks for: when
 * full, the oldest samples give way; when the consumer finds too little, it gets silence and the
 * buffer waits until it holds {@code primeSamples} again before it gives out more, so a late
 * producer costs one gap instead of a crackle on every chunk. What it holds never exceeds its
 * capacity, which bounds the delay it adds.
 *
 * <p>One producer thread and one consumer thread; each call holds the lock for one copy and
 * allocates nothing.
 */
final class PcmRing {
    private final short[] samples;
    private final int primeSamples;
    private int readIndex;
    private int size;
    /** After an underrun: hand out nothing until {@link #primeSamples} are there again. */
    private boolean priming = true;
    private long underruns;
    private long droppedSamples;
    private long written;
    private long readOut;

    PcmRing(int capacitySamples, int primeSamples) {
        if (primeSamples > capacitySamples || primeSamples < 0) {
            throw new IllegalArgumentException("prime " + primeSamples + " of capacity " + capacitySamples);
        }
        this.samples = new short[capacitySamples];
        this.primeSamples = primeSamples;
    }

    /**
     * Adds {@code frames} frames of little-endian 16-bit PCM with {@code channels} interleaved
     * channels from {@code pcm}, averaged to mono; the oldest samples give way when it is full.
     */
    synchronized void write(byte[] pcm, int frames, int channels) {
        int n = Math.min(frames, pcm.length / (2 * channels));
        int capacity = samples.length;
        int overflow = size + n - capacity;
        if (overflow > 0) {
            int dropped = Math.min(overflow, size);
            droppedSamples += overflow;
            readIndex = (readIndex + dropped) % capacity;
            size -= dropped;
        }
        int first = Math.max(0, n - capacity); // more than fits at once: only the newest count
        int writeIndex = (readIndex + size) % capacity;
        for (int i = first; i < n; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int o = 2 * (i * channels + c);
                sum += (short) ((pcm[o] & 0xff) | (pcm[o + 1] << 8));
            }
            samples[writeIndex] = (short) (sum / channels);
            writeIndex = writeIndex + 1 == capacity ? 0 : writeIndex + 1;
        }
        size += n - first;
        written += n;
    }

    /**
     * Takes up to {@code count} samples into {@code out} from {@code offset}; returns how many,
     * the rest of {@code count} being for the caller to fill with silence.
     */
    synchronized int read(short[] out, int offset, int count) {
        if (priming && size < primeSamples) {
            return 0;
        }
        priming = false;
        int n = Math.min(count, size);
        for (int i = 0; i < n; i++) {
            out[offset + i] = samples[readIndex];
            readIndex = readIndex + 1 == samples.length ? 0 : readIndex + 1;
        }
        size -= n;
        readOut += n;
        if (n < count) {
            priming = true;
            underruns++;
        }
        return n;
    }

    /** Samples held now. */
    synchronized int size() {
        return size;
    }

    /** How often the consumer found too little, and how many samples gave way to newer ones, so far. */
    synchronized String glitches() {
        return written + " samples in, " + readOut + " out, " + underruns + " underruns, " + droppedSamples
                + " samples dropped";
    }

    /** Forgets what it holds, and waits to be primed again. */
    synchronized void clear() {
        readIndex = 0;
        size = 0;
        priming = true;
    }
}
