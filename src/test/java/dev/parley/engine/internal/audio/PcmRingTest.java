package dev.parley.engine.internal.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The buffer between a stream's decoded audio and its own playout, driven the way the two sound
 * modules drive it (10 ms of 48 kHz in, bursts out): it holds what the bursts need and no more,
 * and each sample comes out in order, once.
 */
class PcmRingTest {
    private static final int CHUNK = 480;
    private static final int WINDOW = 48_000;

    private short next;
    private short expected;

    @Test
    void nothingComesOutUntilTwiceTheMarginIsHeldThenEverySampleInOrder() {
        PcmRing ring = new PcmRing(14_400, WINDOW);
        short[] out = new short[CHUNK];
        write(ring, 3);
        assertEquals(0, ring.read(out, 0, CHUNK), "1,440 held: still priming to 1,920");
        write(ring, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(CHUNK, ring.read(out, 0, CHUNK));
            checkInOrder(out, CHUNK);
            write(ring, 1);
        }
        assertEquals(4 * CHUNK, ring.size(), "the priming stays the delay while reads keep pace");
    }

    @Test
    void aSurplusHeldThroughAWindowIsDroppedDownToTheMarginInOneStep() {
        PcmRing ring = new PcmRing(14_400, WINDOW);
        short[] out = new short[CHUNK];
        write(ring, 20); // 200 ms held before playing starts, as after a slow module start
        int reads = 0;
        while (ring.size() > 4_000 && reads < 1_000) {
            ring.read(out, 0, CHUNK);
            write(ring, 1);
            reads++;
        }
        assertEquals(WINDOW / CHUNK, reads, "dropped at the end of the first window");
        assertEquals(PcmRing.MARGIN_FIRST + CHUNK, ring.size(), "down to the margin, and the chunk written since");
        for (int i = 0; i < 400; i++) {
            ring.read(out, 0, CHUNK);
            write(ring, 1);
        }
        assertEquals(PcmRing.MARGIN_FIRST + CHUNK, ring.size(), "no further drop while the held stay within the slack");
    }

    @Test
    void burstsLargerThanTheMarginGrowItUntilTheyPlayWithoutGaps() {
        PcmRing ring = new PcmRing(14_400, WINDOW);
        short[] out = new short[6 * CHUNK];
        write(ring, 4);
        int gaps = 0;
        int lastGap = -1;
        for (int round = 0; round < 200; round++) {
            // the consumer takes 60 ms at once every 60 ms, the producer delivers 10 ms at a time in between
            int got = ring.read(out, 0, 6 * CHUNK);
            if (got < 6 * CHUNK) {
                gaps++;
                lastGap = round;
            }
            write(ring, 6);
        }
        assertTrue(gaps > 0 && gaps < 10, gaps + " gaps");
        assertTrue(lastGap < 50, "the last gap at round " + lastGap);
        assertTrue(ring.margin() > PcmRing.MARGIN_FIRST && ring.margin() <= PcmRing.MARGIN_MOST, "margin " + ring.margin());
    }

    @Test
    void whenFullTheOldestBeyondTheMarginAndSlackGiveWayInOneSkipAndTheRestStaysInOrder() {
        PcmRing ring = new PcmRing(14_400, WINDOW);
        write(ring, 30);
        assertEquals(14_400, ring.size(), "full");
        write(ring, 1);
        int kept = PcmRing.MARGIN_FIRST + PcmRing.TRIM_SLACK;
        assertEquals(kept + CHUNK, ring.size(), "skipped down to margin and slack, then the new chunk");
        expected = (short) (31 * CHUNK - kept - CHUNK);
        short[] out = new short[kept + CHUNK];
        assertEquals(kept + CHUNK, ring.read(out, 0, kept + CHUNK));
        checkInOrder(out, kept + CHUNK);
    }

    @Test
    void stereoIsAveragedToMono() {
        PcmRing ring = new PcmRing(14_400, WINDOW);
        byte[] pcm = new byte[4 * 1920];
        for (int i = 0; i < 1920; i++) {
            put(pcm, 2 * i, 1000);
            put(pcm, 2 * i + 1, 3000);
        }
        ring.write(pcm, 1920, 2);
        short[] out = new short[1920];
        assertEquals(1920, ring.read(out, 0, 1920));
        for (short s : out) {
            assertEquals(2000, s);
        }
    }

    /** Writes {@code chunks} chunks of 10 ms of a counting signal. */
    private void write(PcmRing ring, int chunks) {
        byte[] pcm = new byte[2 * CHUNK];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < CHUNK; i++) {
                put(pcm, i, next++);
            }
            ring.write(pcm, CHUNK, 1);
        }
    }

    private static void put(byte[] pcm, int sample, int value) {
        pcm[2 * sample] = (byte) value;
        pcm[2 * sample + 1] = (byte) (value >> 8);
    }

    private void checkInOrder(short[] out, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(expected++, out[i], "sample " + i);
        }
    }
}
