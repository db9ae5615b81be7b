package dev.parley.engine.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.parley.engine.TestPattern;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view a stream's sink path points at each native frame: one view for every frame, allocating
 * nothing, until a sink retains it; a retained view keeps its frame.
 */
class NativeVideoFrameTest {

    /** The last view handed out, as a sink holds it. */
    private static NativeVideoFrame delivered;

    @BeforeAll
    static void loadNatives() throws ClassNotFoundException {
        // webrtc-java loads its native library when the factory class initialises
        Class.forName(PeerConnectionFactory.class.getName(), true, NativeVideoFrameTest.class.getClassLoader());
    }

    private static VideoFrame patternFrame(int width, int height, long counter, long timestampNs) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        TestPattern.paintLuma(buffer.getDataY(), buffer.getStrideY(), width, height, counter, 1_000_000L + counter);
        return new VideoFrame(buffer, timestampNs);
    }

    @Test
    void oneViewShowsEachFrameInTurn() {
        VideoFrame first = patternFrame(320, 180, 7, 1000);
        VideoFrame second = patternFrame(640, 360, 8, 2000);
        try {
            NativeVideoFrame view = new NativeVideoFrame();
            assertSame(view, view.next(first));
            assertEquals(320, view.width());
            assertEquals(7, TestPattern.read(view).frameCounter());
            assertSame(view, view.next(second));
            assertEquals(640, view.width());
            assertEquals(360, view.height());
            assertEquals(2000, view.timestampNs());
            assertEquals(8, TestPattern.read(view).frameCounter());
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void aRetainedViewKeepsItsFrameAndTheNextFrameGetsAnotherView() {
        VideoFrame first = patternFrame(320, 180, 11, 1000);
        VideoFrame second = patternFrame(320, 180, 12, 2000);
        try {
            NativeVideoFrame view = new NativeVideoFrame();
            NativeVideoFrame kept = view.next(first);
            kept.retain();
            NativeVideoFrame other = view.next(second);
            assertNotSame(kept, other);
            assertEquals(12, TestPattern.read(other).frameCounter());
            assertEquals(11, TestPattern.read(kept).frameCounter(), "the retained view still shows its own frame");
            assertEquals(1000, kept.timestampNs());
            kept.release();
            assertNotSame(kept, kept.next(first), "a view once retained is never pointed elsewhere");
            assertEquals(11, TestPattern.read(kept).frameCounter());
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void pointingTheViewAtFramesAllocatesNothing() {
        VideoFrame frame = patternFrame(320, 180, 1, 1000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try {
            NativeVideoFrame view = new NativeVideoFrame();
            int frames = 20_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            long width = 0;
            for (int i = 0; i < frames; i++) {
                delivered = view.next(frame); // kept where a sink would see it, so nothing is optimised away
                width += delivered.width();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(320L * frames, width);
            // a view per frame would be 24 bytes each, 480,000 in all; the counter itself may take a few
            assertTrue(allocated < 4096, allocated + " bytes allocated for " + frames + " frames");
        } finally {
            frame.release();
        }
    }
}
