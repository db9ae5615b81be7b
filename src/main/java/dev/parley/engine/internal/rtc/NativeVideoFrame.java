package dev.parley.engine.internal.rtc;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.parley.engine.VideoFrame;
import java.nio.ByteBuffer;

/**
 * A webrtc-java frame seen through the engine's {@link VideoFrame}. It borrows the caller's
 * reference; {@link #retain()} and {@link #release()} pass through to the native frame.
 *
 * <p>Used on the media thread that delivered the frame, or by a sink that retained it.
 */
public final class NativeVideoFrame implements VideoFrame {
    private final dev.onvoid.webrtc.media.video.VideoFrame frame;
    private final I420Buffer i420;

    public NativeVideoFrame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
        this.frame = frame;
        this.i420 = frame.buffer.toI420();
    }

    @Override
    public int width() {
        return i420.getWidth();
    }

    @Override
    public int height() {
        return i420.getHeight();
    }

    @Override
    public int rotation() {
        return frame.rotation;
    }

    @Override
    public long timestampNs() {
        return frame.timestampNs;
    }

    @Override
    public ByteBuffer dataY() {
        return i420.getDataY();
    }

    @Override
    public int strideY() {
        return i420.getStrideY();
    }

    @Override
    public ByteBuffer dataU() {
        return i420.getDataU();
    }

    @Override
    public int strideU() {
        return i420.getStrideU();
    }

    @Override
    public ByteBuffer dataV() {
        return i420.getDataV();
    }

    @Override
    public int strideV() {
        return i420.getStrideV();
    }

    @Override
    public void toBgra(ByteBuffer target, int strideBytes) {
        if (strideBytes != width() * 4) {
            throw new IllegalArgumentException("rows must be width * 4 bytes");
        }
        try {
            // libyuv names formats by little-endian word: its ARGB lands in memory as B, G, R, A.
            VideoBufferConverter.convertFromI420(frame.buffer, target, FourCC.ARGB);
        } catch (Exception e) {
            throw new IllegalStateException("cannot convert frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void retain() {
        frame.retain();
    }

    @Override
    public void release() {
        frame.release();
    }
}
