package dev.parley.engine.internal.devices;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.parley.engine.TestPattern;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test pattern as a video track: a pusher thread paints {@link TestPattern} frames at the
 * configured size and rate into a {@link CustomVideoSource}.
 *
 * <p>Created and disposed on the RTC thread; frames are pushed from its own thread, which the
 * source allows. Lives while anything (preview or publishing) uses the track.
 */
final class TestPatternSource implements LocalVideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(TestPatternSource.class);
    private final CustomVideoSource source;
    private final VideoTrack track;
    private final ScheduledExecutorService pusher;
    private final AtomicLong counter = new AtomicLong();
    private final int width;
    private final int height;
    private final byte[] chroma;

    TestPatternSource(PeerConnectionFactory factory, String trackId, int width, int height, int fps, int engineNumber) {
        this.width = width;
        this.height = height;
        this.source = new CustomVideoSource();
        this.track = factory.createVideoTrack(trackId, source);
        this.chroma = new byte[((width + 1) / 2) * ((height + 1) / 2)];
        Arrays.fill(chroma, (byte) 128);
        this.pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-pattern-" + engineNumber);
            t.setDaemon(true);
            return t;
        });
        long periodMicros = 1_000_000L / Math.max(1, fps);
        pusher.scheduleAtFixedRate(this::pushOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public VideoTrack track() {
        return track;
    }

    private void pushOne() {
        try {
            NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
            TestPattern.paintLuma(buffer.getDataY(), buffer.getStrideY(), width, height, counter.getAndIncrement(),
                    System.currentTimeMillis());
            fillChroma(buffer.getDataU(), buffer.getStrideU());
            fillChroma(buffer.getDataV(), buffer.getStrideV());
            VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
            source.pushFrame(frame);
            frame.release();
        } catch (RuntimeException | Error e) {
            LOG.warn("test pattern frame failed: {}", e.toString());
        }
    }

    private void fillChroma(ByteBuffer plane, int stride) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        for (int row = 0; row < ch; row++) {
            plane.put(row * stride, chroma, row * cw, cw);
        }
    }

    /** Stops pushing; call before disposing. */
    void stop() {
        pusher.shutdownNow();
        try {
            pusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Disposes the track and source; every peer connection using the track must have let go of it. */
    @Override
    public void dispose() {
        stop();
        try {
            track.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("test pattern track dispose: {}", e.toString());
        }
        source.dispose();
    }
}
