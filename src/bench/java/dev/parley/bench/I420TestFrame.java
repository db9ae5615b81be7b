package dev.parley.bench;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoFrame;
import java.nio.ByteBuffer;

/**
 * A native I420 frame with the test pattern, converted to BGRA exactly as the engine's decoded
 * frames are ({@code VideoBufferConverter.convertFromI420}, FourCC ARGB). Single-threaded; one
 * per benchmark run, repainted before each push.
 */
final class I420TestFrame implements VideoFrame {
    private final NativeI420Buffer buffer;
    private final int width;
    private final int height;

    static {
        try {
            // loads webrtc-java's native library, as creating the engine's factory does
            Class.forName("dev.onvoid.webrtc.PeerConnectionFactory");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    I420TestFrame(int width, int height) {
        this.width = width;
        this.height = height;
        this.buffer = NativeI420Buffer.allocate(width, height);
        fill(buffer.getDataU(), buffer.getStrideU() * ((height + 1) / 2));
        fill(buffer.getDataV(), buffer.getStrideV() * ((height + 1) / 2));
    }

    private static void fill(ByteBuffer plane, int bytes) {
        for (int i = 0; i < bytes; i++) {
            plane.put(i, (byte) 128);
        }
    }

    void paint(long counter) {
        TestPattern.paintLuma(buffer.getDataY(), buffer.getStrideY(), width, height, counter, System.currentTimeMillis());
    }

    /** The raw baseline: the bare conversion into a reused direct buffer. */
    void convertBare(ByteBuffer target) {
        try {
            VideoBufferConverter.convertFromI420(buffer, target, FourCC.ARGB);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int rotation() {
        return 0;
    }

    @Override
    public long timestampNs() {
        return System.nanoTime();
    }

    @Override
    public ByteBuffer dataY() {
        return buffer.getDataY();
    }

    @Override
    public int strideY() {
        return buffer.getStrideY();
    }

    @Override
    public ByteBuffer dataU() {
        return buffer.getDataU();
    }

    @Override
    public int strideU() {
        return buffer.getStrideU();
    }

    @Override
    public ByteBuffer dataV() {
        return buffer.getDataV();
    }

    @Override
    public int strideV() {
        return buffer.getStrideV();
    }

    @Override
    public void toBgra(ByteBuffer target, int strideBytes) {
        convertBare(target);
    }

    @Override
    public void retain() {
    }

    @Override
    public void release() {
    }

    void dispose() {
        buffer.release();
    }
}
