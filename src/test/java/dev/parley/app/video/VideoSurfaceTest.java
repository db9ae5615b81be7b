package dev.parley.app.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import javafx.application.Platform;
import javafx.scene.image.ImageView;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The three view modes place a 640x360 frame in a 400x400 surface as documented. */
class VideoSurfaceTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** [fitWidth, fitHeight, x, y] of the image view after layout in {@code mode}. */
    private static double[] placement(ViewMode mode) throws Exception {
        FrameRenderer renderer = new FrameRenderer(Platform::runLater);
        VideoSurface surface = WaitForAsyncUtils.asyncFx(() -> {
            VideoSurface s = new VideoSurface();
            s.attach(renderer);
            s.viewModeProperty().set(mode);
            s.resize(400, 400);
            return s;
        }).get();
        renderer.onFrame(new FlatFrame(640, 360, (byte) 0x80, (byte) 0x80, (byte) 0x80));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> renderer.stats().drawn() == 1);
        return WaitForAsyncUtils.asyncFx(() -> {
            surface.layout();
            ImageView view = (ImageView) surface.getChildrenUnmodifiable().get(0);
            return new double[] {view.getFitWidth(), view.getFitHeight(), view.getLayoutX(), view.getLayoutY()};
        }).get();
    }

    @Test
    void fitLetterboxesFillCropsAndScaleStretches() throws Exception {
        double[] fit = placement(ViewMode.ASPECT_FIT);
        assertEquals(400, fit[0], 0.01);
        assertEquals(225, fit[1], 0.01);
        assertEquals(87.5, fit[3], 0.01);

        double[] fill = placement(ViewMode.ASPECT_FILL);
        assertEquals(711.11, fill[0], 0.01);
        assertEquals(400, fill[1], 0.01);
        assertEquals(-155.56, fill[2], 0.01);

        double[] stretch = placement(ViewMode.SCALE_TO_FILL);
        assertEquals(400, stretch[0], 0.01);
        assertEquals(400, stretch[1], 0.01);
    }
}
