package dev.parley.engine;

import java.nio.ByteBuffer;

/**
 * The synthetic video the engine can publish instead of a camera: a moving gradient with two
 * machine-readable rows of 40 blocks on top. Row 0 carries a 32-bit frame counter and an 8-bit
 * checksum; row 1 carries the send time in epoch milliseconds (40 bits). Blocks scale with the
 * frame width, so a receiver reads them at any resolution the encoder chose.
 *
 * <p>Stateless and thread-safe.
 */
public final class TestPattern {
    /** The device ID that selects the test pattern as the video source. */
    public static final String DEVICE_ID = "parley:test-pattern";
    /** The device ID that selects the synthetic tone as the audio source. */
    public static final String AUDIO_DEVICE_ID = "parley:test-tone";

    private static final int BLOCKS = 40;
    private static final byte BIT_ONE = (byte) 235;
    private static final byte BIT_ZERO = (byte) 16;

    private static final long TIME_MASK = 0xFF_FFFF_FFFFL;

    /**
     * A frame's decoded marks.
     *
     * @param frameCounter the frame's number, from 0
     * @param sendTimeMillis the low 40 bits of the sender's clock in epoch milliseconds
     */
    public record Marks(long frameCounter, long sendTimeMillis) {
        /** Milliseconds from sending to {@code nowMillis} (epoch), for clocks that agree. */
        public long ageMillis(long nowMillis) {
            return ((nowMillis & TIME_MASK) - sendTimeMillis) & TIME_MASK;
        }
    }

    private TestPattern() {
    }

    /**
     * Paints frame {@code counter} into a luma plane: a gradient that moves with the counter, and
     * the two rows of marks.
     */
    public static void paintLuma(ByteBuffer y, int stride, int width, int height, long counter, long sendTimeMillis) {
        int shift = (int) (counter * 4);
        for (int row = 0; row < height; row++) {
            int base = row * stride;
            for (int x = 0; x < width; x++) {
                y.put(base + x, (byte) ((x + row + shift) & 0xFF));
            }
        }
        int block = width / BLOCKS;
        int c = (int) counter;
        paintRow(y, stride, 0, block, (c & 0xFFFFFFFFL) | ((long) checksum(c) << 32));
        paintRow(y, stride, 1, block, sendTimeMillis & TIME_MASK);
    }

    private static void paintRow(ByteBuffer y, int stride, int row, int block, long bits) {
        for (int i = 0; i < BLOCKS; i++) {
            byte v = ((bits >>> i) & 1) != 0 ? BIT_ONE : BIT_ZERO;
            for (int yy = row * block; yy < (row + 1) * block; yy++) {
                int base = yy * stride + i * block;
                for (int x = 0; x < block; x++) {
                    y.put(base + x, v);
                }
            }
        }
    }

    /** Reads the marks of a frame, or returns null when the frame does not carry a readable pattern. */
    public static Marks read(VideoFrame frame) {
        return read(frame.dataY(), frame.strideY(), frame.width());
    }

    public static Marks read(ByteBuffer y, int stride, int width) {
        return readPlane(y, stride, 1, 0, width);
    }

    /**
     * Reads the marks from a drawn BGRA image (4 bytes per pixel, {@code strideBytes} per row), as a
     * receiver's screen shows them; the pattern is grey, so the green channel stands for luma.
     */
    public static Marks readBgra(ByteBuffer bgra, int strideBytes, int width) {
        return readPlane(bgra, strideBytes, 4, 1, width);
    }

    /**
     * Reads the marks from one byte per pixel of a plane ({@code pixelBytes} apart, {@code offset}
     * into each pixel), allocating only the result: players call it for every frame.
     */
    private static Marks readPlane(ByteBuffer plane, int stride, int pixelBytes, int offset, int width) {
        int block = width / BLOCKS;
        if (block < 2) {
            return null;
        }
        long counterRow = 0;
        long timeRow = 0;
        for (int r = 0; r < 2; r++) {
            long bits = 0;
            int base = (r * block + block / 2) * stride + offset;
            for (int i = 0; i < BLOCKS; i++) {
                if ((plane.get(base + (i * block + block / 2) * pixelBytes) & 0xFF) > 128) {
                    bits |= 1L << i;
                }
            }
            if (r == 0) {
                counterRow = bits;
            } else {
                timeRow = bits;
            }
        }
        return marks(counterRow, timeRow);
    }

    /**
     * Reads the marks of an image {@code width} pixels wide through {@code lumaAt(x, y)}, which
     * gives the brightness (0–255) of a pixel; only about 80 pixels are asked for.
     */
    public static Marks read(int width, java.util.function.IntBinaryOperator lumaAt) {
        int block = width / BLOCKS;
        if (block < 2) {
            return null;
        }
        long[] rows = new long[2];
        for (int r = 0; r < 2; r++) {
            long bits = 0;
            int cy = r * block + block / 2;
            for (int i = 0; i < BLOCKS; i++) {
                int v = lumaAt.applyAsInt(i * block + block / 2, cy);
                if (v > 128) {
                    bits |= 1L << i;
                }
            }
            rows[r] = bits;
        }
        return marks(rows[0], rows[1]);
    }

    /** The marks of the two rows read, or null when the counter's checksum does not match. */
    private static Marks marks(long counterRow, long timeRow) {
        int counter = (int) (counterRow & 0xFFFFFFFFL);
        if (((counterRow >>> 32) & 0xFF) != checksum(counter)) {
            return null;
        }
        return new Marks(counter & 0xFFFFFFFFL, timeRow);
    }

    private static int checksum(int c) {
        return (c ^ (c >>> 8) ^ (c >>> 16) ^ (c >>> 24) ^ 0x5A) & 0xFF;
    }
}
