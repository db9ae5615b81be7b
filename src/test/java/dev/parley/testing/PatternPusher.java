package dev.parley.testing;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.parley.engine.TestPattern;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A camera for bare webrtc-java peers (the benchmarks' raw baselines, tests that talk to the media
 * server with no engine): paints {@link TestPattern} frames (counter and send time) into a new
 * native I420 buffer each, and pushes them into a {@link CustomVideoSource} at a fixed rate, the
 * way the engine's test-pattern source does.
 *
 * <p>Pushes from a thread of its own, which the source allows. Starts on construction; call
 * {@link #stop()} once, before the source is disposed.
 */
public final class PatternPusher {
    private final CustomVideoSource source;
    private final int width;
    private final int height;
    private final byte[] chromaRow;
    private final ScheduledExecutorService thread;
    private long counter;

    public PatternPusher(CustomVideoSource source, int width, int height, int fps) {
        this.source = source;
        this.width = width;
        this.height = height;
        this.chromaRow = new byte[(width + 1) / 2];
        Arrays.fill(chromaRow, (byte) 128);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raw-pattern");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::pushOne, 0, 1_000_000L / fps, TimeUnit.MICROSECONDS);
    }

    private void pushOne() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        TestPattern.paintLuma(buffer.getDataY(), buffer.getStrideY(), width, height, counter++, System.currentTimeMillis());
        fillChroma(buffer.getDataU(), buffer.getStrideU());
        fillChroma(buffer.getDataV(), buffer.getStrideV());
        VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
        source.pushFrame(frame);
        frame.release();
    }

    private void fillChroma(ByteBuffer plane, int stride) {
        for (int row = 0; row < (height + 1) / 2; row++) {
            plane.put(row * stride, chromaRow, 0, chromaRow.length);
        }
    }

    public void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(2, TimeUnit.SECONDS);
    }
}
