package dev.parley.engine.internal.audio;

/**
 * The buffer of mono 16-bit samples between two sound-device clocks that ask in bursts: the
 * producer is a played stream's decoded audio, delivered 10 ms at a time when WebRTC's own playout
 * asks for its mix, the consumer a second playout module that takes what its device asks for.
 * Both play on the same sound server, so in the long run they move at the same pace; what the
 * buffer must absorb is their bursts, whose size is known only by watching.
 *
 * <p>It keeps a safety margin, the fewest samples it should still hold at the worst moment:
 * <ul>
 *   <li>When the consumer finds too little, it gets what there is (the caller fills silence), the
 *       margin grows by {@link #MARGIN_STEP} up to {@link #MARGIN_MOST}, and nothing more is given
 *       out until twice the margin is held again: a late producer costs one gap, not a crackle on
 *       every request.</li>
 *   <li>When the fewest samples held over a whole window of {@code windowSamples} read were more
 *       than the margin plus {@link #TRIM_SLACK}, the oldest samples beyond the margin are dropped
 *       at once: the delay the buffer adds shrinks to what the bursts need, in one step, instead of
 *       staying at whatever the start left (an audible pitch change, as a resampler would make, is
 *       worse for speech than one skip).</li>
 *   <li>When full, the oldest samples beyond the margin and the slack give way in one skip, so
 *       what it holds never exceeds its capacity.</li>
 * </ul>
 * Sizes are in samples; the constants are for 48 kHz, at which WebRTC delivers decoded audio.
 *
 * <p>One producer thread and one consumer thread; each call holds the lock for one copy and
 * allocates nothing.
 */
final class PcmRing {
    /** The margin to begin with: 20 ms. */
    static final int MARGIN_FIRST = 960;
    /** What the margin grows by after an underrun: 10 ms. */
    static final int MARGIN_STEP = 480;
    /** The largest margin: 120 ms. */
    static final int MARGIN_MOST = 5760;
    /** How much more than the margin may be held throughout a window before it is dropped: 40 ms. */
    static final int TRIM_SLACK = 1920;

    private final short[] samples;
    private final int windowSamples;
    private int readIndex;
    private int size;
    private int margin = MARGIN_FIRST;
    /** After an underrun, and at first: hand out nothing until twice the margin is held. */
    private boolean priming = true;
    private int fewestHeld = Integer.MAX_VALUE;
    private int readInWindow;
    private long underruns;
    private long overflowDropped;
    private long trimmed;
    private long written;
    private long readOut;
    private long heldSum;
    private long reads;

    /** @param windowSamples how many samples read make one window over which the fewest held are watched */
    PcmRing(int capacitySamples, int windowSamples) {
        if (capacitySamples < 2 * MARGIN_MOST || windowSamples <= 0) {
            throw new IllegalArgumentException("capacity " + capacitySamples + ", window " + windowSamples);
        }
        this.samples = new short[capacitySamples];
        this.windowSamples = windowSamples;
    }

    /**
     * Adds {@code frames} frames of little-endian 16-bit PCM with {@code channels} interleaved
     * channels from {@code pcm}, averaged to mono; the oldest samples give way when it is full.
     */
    synchronized void write(byte[] pcm, int frames, int channels) {
        int capacity = samples.length;
        int total = Math.min(frames, pcm.length / (2 * channels));
        int first = Math.max(0, total - (capacity - margin - TRIM_SLACK)); // never more at once than fits after a skip
        int n = total - first;
        if (size + n > capacity) {
            // one skip down to what the bursts need, not a skip of every chunk from now on
            int dropped = size - (margin + TRIM_SLACK);
            overflowDropped += dropped;
            drop(dropped);
            newWindow();
        }
        overflowDropped += first;
        int writeIndex = (readIndex + size) % capacity;
        for (int i = first; i < total; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int o = 2 * (i * channels + c);
                sum += (short) ((pcm[o] & 0xff) | (pcm[o + 1] << 8));
            }
            samples[writeIndex] = (short) (sum / channels);
            writeIndex = writeIndex + 1 == capacity ? 0 : writeIndex + 1;
        }
        size += n;
        written += total;
    }

    /**
     * Takes up to {@code count} samples into {@code out} from {@code offset}; returns how many,
     * the rest of {@code count} being for the caller to fill with silence.
     */
    synchronized int read(short[] out, int offset, int count) {
        if (priming && size < 2 * margin) {
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
            margin = Math.min(MARGIN_MOST, margin + MARGIN_STEP);
            newWindow();
            return n;
        }
        fewestHeld = Math.min(fewestHeld, size);
        heldSum += size;
        reads++;
        readInWindow += n;
        if (readInWindow >= windowSamples) {
            if (fewestHeld > margin + TRIM_SLACK) {
                int surplus = fewestHeld - margin;
                trimmed += surplus;
                drop(surplus);
            }
            newWindow();
        }
        return n;
    }

    private void drop(int count) {
        readIndex = (readIndex + count) % samples.length;
        size -= count;
    }

    private void newWindow() {
        fewestHeld = Integer.MAX_VALUE;
        readInWindow = 0;
    }

    /** Samples held now. */
    synchronized int size() {
        return size;
    }

    /** The margin now, in samples. */
    synchronized int margin() {
        return margin;
    }

    /** What went in and out, and each kind of gap so far, for the log. */
    synchronized String glitches() {
        return written + " samples in, " + readOut + " out, " + (reads == 0 ? 0 : heldSum / reads)
                + " held on average after a read, " + underruns + " underruns (margin now " + margin
                + "), " + trimmed + " trimmed to shorten the delay, " + overflowDropped + " dropped when full";
    }

    /** Forgets what it holds, and waits to be primed again. */
    synchronized void clear() {
        readIndex = 0;
        size = 0;
        priming = true;
        newWindow();
    }
}
