package dev.parley.engine;

import java.nio.ByteBuffer;

/**
 * A decoded or captured video frame in I420, handed to a {@link VideoSink}.
 *
 * <p>Lifecycle: the frame is valid only during {@link VideoSink#onFrame}; a sink that keeps it
 * longer calls {@link #retain()} and later exactly one {@link #release()} per retain. The plane
 * buffers are read-only views of native memory and become invalid after the last release.
 *
 * <p>Threading: may be used from any thread while valid; not for concurrent writers.
 */
public interface VideoFrame {
    int width();

    int height();

    /** Clockwise rotation in degrees (0, 90, 180, 270) to apply when drawing. */
    int rotation();

    /** Capture time in nanoseconds, on the capturer's clock. */
    long timestampNs();

    ByteBuffer dataY();

    int strideY();

    ByteBuffer dataU();

    int strideU();

    ByteBuffer dataV();

    int strideV();

    /**
     * Converts the frame into premultiplied BGRA (byte order B, G, R, A; opaque) in {@code target},
     * a direct buffer of at least {@code strideBytes * height()} bytes, without allocating.
     */
    void toBgra(ByteBuffer target, int strideBytes);

    void retain();

    void release();
}
