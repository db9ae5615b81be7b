package dev.parley.app.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The renderer's double buffering, coalescing and resizing, with frames of known colour and a
 * hand-driven FX queue, so that a lagging FX thread can be staged exactly.
 */
class FrameRendererTest {
    /** Holds swaps until the test lets the "FX thread" run them (on the real FX thread). */
    private static final class HeldFxQueue implements Executor {
        final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable r) {
            held.add(r);
        }

        synchronized int size() {
            return held.size();
        }

        void runAll() throws Exception {
            Deque<Runnable> now;
            synchronized (this) {
                now = new ArrayDeque<>(held);
                held.clear();
            }
            WaitForAsyncUtils.asyncFx(() -> now.forEach(Runnable::run)).get();
        }
    }

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static int argbAt(Image image, int x, int y) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            byte[] px = new byte[4];
            image.getPixelReader().getPixels(x, y, 1, 1, PixelFormat.getByteBgraInstance(), px, 0, 4);
            return (px[3] & 0xFF) << 24 | (px[2] & 0xFF) << 16 | (px[1] & 0xFF) << 8 | (px[0] & 0xFF);
        }).get();
    }

    private static Image image(FrameRenderer renderer) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> renderer.imageProperty().get()).get();
    }

    @Test
    void framesWhileASwapIsPendingAreDroppedNotQueued() throws Exception {
        HeldFxQueue fx = new HeldFxQueue();
        FrameRenderer renderer = new FrameRenderer(fx);
        renderer.onFrame(new FlatFrame(64, 36, (byte) 0, (byte) 0, (byte) 200));
        for (int i = 0; i < 10; i++) {
            renderer.onFrame(new FlatFrame(64, 36, (byte) 0, (byte) 200, (byte) 0));
        }
        assertEquals(1, fx.size(), "one swap waits for the FX thread, however many frames came");
        fx.runAll();
        assertEquals(new RenderStats(11, 1, 10, renderer.stats().decodeNanos(), renderer.stats().fxNanos()), renderer.stats());
        Image first = image(renderer);
        assertEquals(0xFFC80000, argbAt(first, 10, 10), "the first (red) frame is shown");

        renderer.onFrame(new FlatFrame(64, 36, (byte) 0, (byte) 200, (byte) 0));
        fx.runAll();
        Image second = image(renderer);
        assertNotSame(first, second, "the next frame goes to the other buffer");
        assertEquals(0xFF00C800, argbAt(second, 10, 10));
        assertEquals(0xFFC80000, argbAt(first, 10, 10), "the shown buffer was not written while on screen");

        renderer.onFrame(new FlatFrame(64, 36, (byte) 200, (byte) 0, (byte) 0));
        fx.runAll();
        assertSame(first, image(renderer), "two buffers alternate; nothing is allocated per frame");
        assertEquals(0xFF0000C8, argbAt(first, 10, 10));
    }

    @Test
    void aNewFrameSizeGetsNewBuffersAndCloseLetsThemGo() throws Exception {
        HeldFxQueue fx = new HeldFxQueue();
        FrameRenderer renderer = new FrameRenderer(fx);
        renderer.onFrame(new FlatFrame(64, 36, (byte) 0, (byte) 0, (byte) 200));
        fx.runAll();
        assertEquals(64, image(renderer).getWidth());
        renderer.onFrame(new FlatFrame(128, 72, (byte) 0, (byte) 0, (byte) 200));
        fx.runAll();
        assertEquals(128, image(renderer).getWidth());
        assertEquals(72, image(renderer).getHeight());

        renderer.onFrame(new FlatFrame(128, 72, (byte) 0, (byte) 0, (byte) 200));
        WaitForAsyncUtils.asyncFx(renderer::close).get();
        fx.runAll();
        assertNull(image(renderer), "a swap that lands after close shows nothing");
        renderer.onFrame(new FlatFrame(128, 72, (byte) 0, (byte) 0, (byte) 200));
        assertEquals(0, fx.size(), "frames after close are ignored");
        assertEquals(3, renderer.stats().drawn() + 1);
    }

    @Test
    void swapsRunOnTheFxThread() throws Exception {
        FrameRenderer renderer = new FrameRenderer(Platform::runLater);
        renderer.onFrame(new FlatFrame(32, 18, (byte) 1, (byte) 2, (byte) 3));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> renderer.stats().drawn() == 1);
        assertEquals(0xFF030201, argbAt(image(renderer), 0, 0));
    }
}
