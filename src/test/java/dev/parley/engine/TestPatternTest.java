package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The marks painted into a luma plane read back from it, from a BGRA drawing of it, and from a pixel function. */
class TestPatternTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int STRIDE = 336;

    private static ByteBuffer luma(long counter, long sendTime) {
        ByteBuffer y = ByteBuffer.allocateDirect(STRIDE * HEIGHT);
        TestPattern.paintLuma(y, STRIDE, WIDTH, HEIGHT, counter, sendTime);
        return y;
    }

    private static ByteBuffer bgra(ByteBuffer y) {
        ByteBuffer out = ByteBuffer.allocateDirect(WIDTH * 4 * HEIGHT);
        for (int row = 0; row < HEIGHT; row++) {
            for (int x = 0; x < WIDTH; x++) {
                byte v = y.get(row * STRIDE + x);
                int at = row * WIDTH * 4 + x * 4;
                out.put(at, v).put(at + 1, v).put(at + 2, v).put(at + 3, (byte) 255);
            }
        }
        return out;
    }

    @Test
    void theMarksReadBackFromThePlaneTheDrawingAndAPixelFunction() {
        long sendTime = 1_795_318_631_682L;
        ByteBuffer y = luma(0xCAFE_F00DL, sendTime);
        TestPattern.Marks expected = new TestPattern.Marks(0xCAFE_F00DL, sendTime & 0xFF_FFFF_FFFFL);
        assertEquals(expected, TestPattern.read(y, STRIDE, WIDTH));
        assertEquals(expected, TestPattern.readBgra(bgra(y), WIDTH * 4, WIDTH));
        assertEquals(expected, TestPattern.read(WIDTH, (x, row) -> y.get(row * STRIDE + x) & 0xFF));
    }

    @Test
    void aDamagedCounterOrATooNarrowFrameReadsAsNoMarks() {
        ByteBuffer y = luma(41, 1000);
        int block = WIDTH / 40;
        // flip the first bit of the counter row
        byte flipped = (byte) ((y.get(block / 2 * STRIDE + block / 2) & 0xFF) > 128 ? 16 : 235);
        for (int row = 0; row < block; row++) {
            for (int x = 0; x < block; x++) {
                y.put(row * STRIDE + x, flipped);
            }
        }
        assertNull(TestPattern.read(y, STRIDE, WIDTH));
        assertNull(TestPattern.read(luma(41, 1000), STRIDE, 79), "blocks under 2 pixels are not read");
    }
}
