package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame checks on their own, with input split at every byte. */
class FrameInspectorTest {

    private static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(mask | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(mask | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xFF);
            }
        }
        byte[] key = {1, 2, 3, 4};
        if (masked) {
            out.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in pieces of {@code step} and returns what was passed on. */
    private static byte[] feed(FrameInspector inspector, byte[] bytes, int step) {
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += step) {
            ByteBuffer input = ByteBuffer.wrap(bytes, i, Math.min(step, bytes.length - i));
            ByteBuffer forward = ByteBuffer.allocate(step + FrameInspector.MAX_HELD);
            inspector.inspect(input, forward);
            forward.flip();
            byte[] out = new byte[forward.remaining()];
            forward.get(out);
            passed.write(out, 0, out.length);
        }
        return passed.toByteArray();
    }

    @Test
    void validFramesPassUnchangedInAnySplit() {
        byte[] stream = concat(
                frame(0x81, "hello".getBytes(StandardCharsets.UTF_8), true),
                frame(0x02, new byte[300], true),
                frame(0x89, "ping".getBytes(StandardCharsets.UTF_8), true),
                frame(0x80, new byte[70_000], true),
                frame(0x88, concat(new byte[] {0x03, (byte) 0xE8}, "bye".getBytes(StandardCharsets.UTF_8)), true));
        for (int step : new int[] {1, 2, 3, 7, 131, 4096, stream.length}) {
            FrameInspector inspector = new FrameInspector();
            assertArrayEquals(stream, feed(inspector, stream, step), "split every " + step);
            assertNull(inspector.violation());
        }
    }

    @Test
    void anIncompleteControlFrameIsHeldBackUntilComplete() {
        byte[] ping = frame(0x89, "abc".getBytes(StandardCharsets.UTF_8), true);
        FrameInspector inspector = new FrameInspector();
        assertEquals(0, feed(inspector, Arrays.copyOf(ping, ping.length - 1), ping.length).length);
        assertArrayEquals(ping, feed(inspector, new byte[] {ping[ping.length - 1]}, 1));
    }

    private static FrameInspector.Violation violationOf(byte[] bytes) {
        FrameInspector inspector = new FrameInspector();
        feed(inspector, bytes, 1);
        return inspector.violation();
    }

    @Test
    void brokenRulesAreFoundWithTheirCloseCode() {
        byte[] text = "x".getBytes(StandardCharsets.UTF_8);
        assertEquals(1002, violationOf(frame(0x81, text, false)).closeCode());
        assertEquals(1002, violationOf(frame(0x91, text, true)).closeCode());
        assertEquals(1002, violationOf(frame(0x8B, text, true)).closeCode());
        assertEquals(1002, violationOf(frame(0x09, new byte[0], true)).closeCode());
        assertEquals(1002, violationOf(frame(0x89, new byte[126], true)).closeCode());
        assertEquals(1002, violationOf(frame(0x80, text, true)).closeCode());
        assertEquals(1002, violationOf(concat(frame(0x01, text, true), frame(0x81, text, true))).closeCode());
        assertEquals(1002, violationOf(frame(0x88, new byte[] {3}, true)).closeCode());
        assertEquals(1002, violationOf(frame(0x88, new byte[] {0x03, (byte) 0xED}, true)).closeCode()); // 1005
        assertEquals(1002, violationOf(frame(0x88, new byte[] {0x13, (byte) 0x88}, true)).closeCode()); // 5000
        assertEquals(1007, violationOf(frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF}, true)).closeCode());
        // a length of 5 written in 16 bits
        assertEquals(1002, violationOf(new byte[] {(byte) 0x81, (byte) 0xFE, 0, 5, 1, 2, 3, 4, 1, 1, 1, 1, 1}).closeCode());
        assertNotNull(violationOf(new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}));
    }

    @Test
    void nothingPassesAfterAViolation() {
        byte[] good = frame(0x81, "ok".getBytes(StandardCharsets.UTF_8), true);
        byte[] stream = concat(good, frame(0x81, "bad".getBytes(StandardCharsets.UTF_8), false), good);
        FrameInspector inspector = new FrameInspector();
        assertArrayEquals(good, feed(inspector, stream, stream.length));
        assertNotNull(inspector.violation());
    }

    @Test
    void closeCodesFollowTheRegistry() {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999}) {
            assertEquals(true, FrameInspector.validCloseCode(code), "code " + code);
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
            assertEquals(false, FrameInspector.validCloseCode(code), "code " + code);
        }
    }
}
