package dev.parley.app.ui;

import dev.parley.app.CallSession;
import dev.parley.engine.TestPattern;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Fx;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A real call window on the headless Monocle stage, over a session whose engines talk to a test
 * server, plus helpers that read the window on the FX thread.
 */
final class WindowFixture implements AutoCloseable {
    final ParleyServer server;
    final CallSession session;
    final CallWindow window;
    final FxRobot robot = new FxRobot();
    private final CountDownLatch closed = new CountDownLatch(1);

    WindowFixture(ParleyServer server) throws Exception {
        this(server, AppSettings.inMemory());
    }

    /**
     * A window whose form starts from {@code settings}, with {@code server} standing for the
     * server on this computer that windows share.
     */
    WindowFixture(ParleyServer server, AppSettings settings) throws Exception {
        this.server = server;
        FxToolkit.registerPrimaryStage();
        this.session = dev.parley.app.TestSessions.create();
        try {
            this.window = fx(() -> {
                Stage stage = new Stage();
                CallWindow w = new CallWindow(stage, session, settings, Runnable::run, closed::countDown);
                w.show();
                w.defaultServer(server.url(), true);
                return w;
            });
        } catch (RuntimeException | Error e) {
            // no window to close: end the session, which destroys its engine
            try {
                fxRun(() -> session.close(closed::countDown));
                awaitClosed(Duration.ofSeconds(10));
            } catch (RuntimeException | Error cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Runs {@code task} on the FX thread and returns its result. */
    static <T> T fx(Callable<T> task) {
        return Fx.call(task);
    }

    static void fxRun(Runnable task) {
        Fx.run(task);
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    static void awaitFx(String what, Duration timeout, Callable<Boolean> condition) {
        Fx.await(what, timeout, condition);
    }

    /** The node with {@code id} in the window, or null when it is not in the scene. */
    Node node(String id) {
        return fx(() -> window.stage().getScene().lookup("#" + id));
    }

    boolean showing(String id) {
        return fx(() -> {
            Node n = window.stage().getScene().lookup("#" + id);
            if (n == null) {
                return false;
            }
            for (Node at = n; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Reads the test pattern's marks from an image as drawn, or null. FX thread. */
    static TestPattern.Marks marks(Image image) {
        if (image == null) {
            return null;
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        ByteBuffer bgra = ByteBuffer.allocate(w * h * 4);
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getByteBgraInstance(), bgra, w * 4);
        return TestPattern.readBgra(bgra, w * 4, w);
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Closes the window as the user would, which destroys the engine, and waits until it is closed;
     * a window already closed is left as it is.
     */
    @Override
    public void close() throws Exception {
        if (closed.getCount() == 0) {
            return;
        }
        fxRun(() -> window.stage().getOnCloseRequest().handle(
                new javafx.stage.WindowEvent(window.stage(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        if (!awaitClosed(Duration.ofSeconds(10))) {
            throw new AssertionError("the window did not close within 10 s");
        }
    }
}
