package dev.parley.app.video;

import dev.parley.engine.VideoFrame;
import dev.parley.engine.VideoSink;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Draws the frames of one stream into {@code PixelBuffer}-backed {@link WritableImage}s.
 *
 * <p>Threading: {@link #onFrame} runs on the engine's decode (or capture) thread. It converts the
 * I420 frame into premultiplied BGRA in the back one of two reused direct buffers, then posts one
 * swap to the FX executor, which shows that buffer through {@link #imageProperty()}. While a swap
 * is still waiting for the FX thread, new frames are dropped rather than queued, so a lagging FX
 * thread sees at most one pending swap. Buffers are allocated only when the frame size changes.
 *
 * <p>Lifecycle: create one per pane; {@link #close()} when its stream stops, after which frames are
 * ignored and the buffers are let go. {@link #imageProperty()} and {@link #close()} belong to the
 * FX thread.
 */
public final class FrameRenderer implements VideoSink {
    private static final PixelFormat<ByteBuffer> BGRA_PRE = PixelFormat.getByteBgraPreInstance();

    private final Executor fxExecutor;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final AtomicBoolean swapPending = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong drawn = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong fxNanos = new AtomicLong();
    private volatile boolean closed;
    /** Decode thread only. */
    private Surfaces surfaces;
    /** Decode thread only: the buffer the next frame is written into. */
    private int backIndex;
    /** The swap posted to the FX thread; written before posting, read there (one pending at most). */
    private Surfaces pendingSurfaces;
    private int pendingIndex;
    /** One reusable task, so that posting a frame allocates nothing. */
    private final Runnable showPending = () -> show(pendingSurfaces, pendingIndex);

    /** @param fxExecutor runs swaps on the FX thread: {@code Platform::runLater} in the app */
    public FrameRenderer(Executor fxExecutor) {
        this.fxExecutor = fxExecutor;
    }

    @Override
    public void onFrame(VideoFrame frame) {
        if (closed) {
            return;
        }
        received.incrementAndGet();
        if (swapPending.get()) {
            dropped.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        int width = frame.width();
        int height = frame.height();
        Surfaces target = surfaces;
        if (target == null || target.width != width || target.height != height) {
            target = new Surfaces(width, height);
            surfaces = target;
            backIndex = 0;
        }
        int index = backIndex;
        ByteBuffer buffer = target.buffers[index];
        buffer.clear();
        frame.toBgra(buffer, width * 4);
        backIndex = index ^ 1;
        pendingSurfaces = target;
        pendingIndex = index;
        swapPending.set(true);
        fxExecutor.execute(showPending);
        decodeNanos.addAndGet(System.nanoTime() - start);
    }

    /** FX thread. */
    private void show(Surfaces target, int index) {
        long start = System.nanoTime();
        try {
            if (closed) {
                return;
            }
            WritableImage shown = target.image(index);
            target.pixelBuffers[index].updateBuffer(pixels -> null);
            image.set(shown);
            drawn.incrementAndGet();
        } finally {
            swapPending.set(false);
            fxNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /** The image showing the latest frame, or null before the first one and after close. FX thread. */
    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** Counters since creation; any thread. */
    public RenderStats stats() {
        return new RenderStats(received.get(), drawn.get(), dropped.get(), decodeNanos.get(), fxNanos.get());
    }

    /** Stops drawing and lets the buffers go. FX thread; idempotent. */
    public void close() {
        closed = true;
        image.set(null);
    }

    /** Draws frames again after {@link #close()}, for a preview that restarts. FX thread. */
    public void reopen() {
        closed = false;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Two BGRA buffers of one frame size, with the images over them created on the FX thread. */
    private static final class Surfaces {
        final int width;
        final int height;
        final ByteBuffer[] buffers = new ByteBuffer[2];
        @SuppressWarnings("unchecked")
        final PixelBuffer<ByteBuffer>[] pixelBuffers = new PixelBuffer[2];
        final WritableImage[] images = new WritableImage[2];

        Surfaces(int width, int height) {
            this.width = width;
            this.height = height;
            for (int i = 0; i < 2; i++) {
                buffers[i] = ByteBuffer.allocateDirect(width * height * 4);
            }
        }

        /** FX thread. */
        WritableImage image(int index) {
            if (images[index] == null) {
                pixelBuffers[index] = new PixelBuffer<>(width, height, buffers[index], BGRA_PRE);
                images[index] = new WritableImage(pixelBuffers[index]);
            }
            return images[index];
        }
    }
}
