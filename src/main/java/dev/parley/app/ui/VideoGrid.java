package dev.parley.app.ui;

import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Lays its video panes out as a grid: one pane fills the area, 2 to 4 make a 2×2 grid, up to 9 a
 * 3×3 grid, and so on, with a gap between cells.
 *
 * <p>Threading: FX thread only.
 */
public final class VideoGrid extends Pane {
    private static final double GAP = 6;

    public VideoGrid() {
        getStyleClass().add("video-grid");
        setMinSize(0, 0);
    }

    /** Columns for {@code n} panes: the smallest square grid that holds them. */
    static int columns(int n) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(n)));
    }

    @Override
    protected void layoutChildren() {
        var panes = getManagedChildren();
        int n = panes.size();
        if (n == 0) {
            return;
        }
        int cols = columns(n);
        int rows = (n + cols - 1) / cols;
        double w = (getWidth() - GAP * (cols - 1)) / cols;
        double h = (getHeight() - GAP * (rows - 1)) / rows;
        for (int i = 0; i < n; i++) {
            Node pane = panes.get(i);
            int row = i / cols;
            int col = i % cols;
            pane.resizeRelocate(col * (w + GAP), row * (h + GAP), Math.max(0, w), Math.max(0, h));
        }
    }
}
