package dev.parley.app.ui;

import javafx.scene.layout.Pane;

/**
 * Lays its video panes out as a grid of 16:9 tiles, as large as the area allows: one pane fills
 * the area; two sit side by side or stacked; four make 2×2, nine 3×3. A short last row is centred.
 *
 * <p>Threading: FX thread only.
 */
public final class VideoGrid extends Pane {
    private static final double GAP = 6;

    public VideoGrid() {
        getStyleClass().add("video-grid");
        setMinSize(0, 0);
    }

    /**
     * Columns for {@code n} panes in a {@code width}×{@code height} area: the count that gives the
     * largest 16:9 tiles (one large pane, two side by side or stacked, 2×2 for four, 3×3 for nine).
     */
    static int columns(int n, double width, double height) {
        int best = 1;
        double bestArea = -1;
        for (int cols = 1; cols <= Math.max(1, n); cols++) {
            int rows = (n + cols - 1) / cols;
            double w = (width - GAP * (cols - 1)) / cols;
            double h = (height - GAP * (rows - 1)) / rows;
            double tileW = Math.min(w, h * 16 / 9);
            double area = tileW * tileW * 9 / 16;
            if (area > bestArea + 1e-6) {
                bestArea = area;
                best = cols;
            }
        }
        return best;
    }

    @Override
    protected void layoutChildren() {
        var panes = getManagedChildren();
        int n = panes.size();
        if (n == 0) {
            return;
        }
        double width = getWidth();
        double height = getHeight();
        int cols = columns(n, width, height);
        int rows = (n + cols - 1) / cols;
        double cellW = (width - GAP * (cols - 1)) / cols;
        double cellH = (height - GAP * (rows - 1)) / rows;
        if (n > 1) {
            // several panes keep the video's shape; one pane uses the whole area
            cellW = Math.min(cellW, cellH * 16 / 9);
            cellH = Math.min(cellH, cellW * 9 / 16);
        }
        double blockW = cols * cellW + GAP * (cols - 1);
        double blockH = rows * cellH + GAP * (rows - 1);
        double x0 = (width - blockW) / 2;
        double y0 = (height - blockH) / 2;
        for (int i = 0; i < n; i++) {
            int row = i / cols;
            int col = i % cols;
            int inRow = row == rows - 1 ? n - row * cols : cols;
            double rowOffset = (cols - inRow) * (cellW + GAP) / 2;
            panes.get(i).resizeRelocate(x0 + rowOffset + col * (cellW + GAP), y0 + row * (cellH + GAP),
                    Math.max(0, cellW), Math.max(0, cellH));
        }
    }
}
