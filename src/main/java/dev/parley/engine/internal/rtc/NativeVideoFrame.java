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
 * <p>A stream's sink path keeps one view and points it at each decoded or captured frame with
 * {@link #next}, so that delivering a frame allocates nothing of Parley's. A view a sink retained
 * stays on its frame: from then on {@link #next} gives a fresh view for every frame.
 *
 * <p>Used on the media thread that delivered the frame, or by a sink that retained it.
 */
public final class NativeVideoFrame implements VideoFrame {
    private dev.onvoid.webrtc.media.video.VideoFrame frame;
    private I420Buffer i420;
    /** A sink retained this view; set during its onFrame, on the media thread. */
    private boolean retained;

    /** A view of no frame yet; point it at one with {@link #next}. */
    public NativeVideoFrame() {
    }

    /**
     * This view pointed at {@code frame}, or a new view of it when a sink retained this one. Call
     * from the media thread delivering the stream's frames, one frame at a time.
     */
    public NativeVideoFrame next(dev.onvoid.webrtc.media.video.VideoFrame frame) {
        NativeVideoFrame view = retained ? new NativeVideoFrame() : this;
        view.point(frame);
        return view;
    }

    private void point(dev.onvoid.webrtc.media.video.VideoFrame frame) {
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
        retained = true;
        frame.retain();
    }

    @Override
    public void release() {
        frame.release();
    }
}
