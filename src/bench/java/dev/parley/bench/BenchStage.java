package dev.parley.bench;

import dev.parley.app.video.FrameRenderer;
import dev.parley.app.video.VideoSurface;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** A shown stage with a grid of video surfaces, as the call view draws them. Main thread API. */
final class BenchStage implements AutoCloseable {
    private final Stage stage;
    private final List<VideoSurface> surfaces;

    private BenchStage(Stage stage, List<VideoSurface> surfaces) {
        this.stage = stage;
        this.surfaces = surfaces;
    }

    static BenchStage show(int panes, double paneWidth, double paneHeight) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<VideoSurface> list = new ArrayList<>();
            TilePane grid = new TilePane();
            grid.setPrefColumns(panes > 1 ? 2 : 1);
            for (int i = 0; i < panes; i++) {
                VideoSurface surface = new VideoSurface();
                surface.setPrefSize(paneWidth, paneHeight);
                list.add(surface);
                grid.getChildren().add(surface);
            }
            Stage stage = new Stage();
            stage.setScene(new Scene(grid));
            stage.show();
            return new BenchStage(stage, list);
        }).get();
    }

    void attach(int pane, FrameRenderer renderer) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> surfaces.get(pane).attach(renderer)).get();
    }

    @Override
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(stage::close).get();
    }
}
