package dev.parley.engine;

import java.nio.ByteBuffer;

/**
 * A {@link VideoSink} for headless use: counts frames, remembers the size and test-pattern marks
 * of the last one, and keeps a BGRA snapshot of the latest frame on request.
 *
 * <p>Thread-safe: frames arrive on a media thread, readers call from any thread.
 */
public final class FrameCounterSink implements VideoSink {
    private long frames;
    private int width;
    private int height;
    private TestPattern.Marks lastMarks;
    private long lastArrivalMillis;
    private boolean snapshotWanted;
    private ByteBuffer snapshot;

    @Override
    public void onFrame(VideoFrame frame) {
        TestPattern.Marks marks = TestPattern.read(frame);
        ByteBuffer shot = null;
        synchronized (this) {
            if (snapshotWanted) {
                snapshotWanted = false;
                shot = ByteBuffer.allocateDirect(frame.width() * frame.height() * 4);
            }
        }
        if (shot != null) {
            frame.toBgra(shot, frame.width() * 4);
        }
        synchronized (this) {
            frames++;
            width = frame.width();
            height = frame.height();
            lastArrivalMillis = System.currentTimeMillis();
            if (marks != null) {
                lastMarks = marks;
            }
            if (shot != null) {
                snapshot = shot;
            }
            notifyAll();
        }
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized int width() {
        return width;
    }

    public synchronized int height() {
        return height;
    }

    /** The test-pattern marks of the last frame that carried them, or null. */
    public synchronized TestPattern.Marks lastMarks() {
        return lastMarks;
    }

    public synchronized long lastArrivalMillis() {
        return lastArrivalMillis;
    }

    /** Asks for a BGRA copy of the next frame; read it with {@link #snapshot()}. */
    public synchronized void requestSnapshot() {
        snapshotWanted = true;
    }

    /** The latest requested snapshot (BGRA, width × 4 bytes a row), or null. */
    public synchronized ByteBuffer snapshot() {
        return snapshot;
    }
}
