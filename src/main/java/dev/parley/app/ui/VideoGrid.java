package dev.parley.app.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Lays its video panes out in 16:9 tiles, as large as the area allows. One pane fills the area
 * and two sit side by side or stacked, in a grid. From {@link #SPEAKER_LAYOUT_AT_LEAST} panes on,
 * when one of them is the {@linkplain #largeProperty() large pane}, that pane takes the top three
 * quarters of the height and the others sit in a row of small tiles below it, in their order;
 * without a large pane, three or more make a grid (four 2×2, nine 3×3, a short last row centred).
 *
 * <p>Threading: FX thread only.
 */
public final class VideoGrid extends Pane {
    /** From this many panes on, the large pane, if any, is shown large and the others small. */
    static final int SPEAKER_LAYOUT_AT_LEAST = dev.parley.app.LargeTile.SPEAKER_LAYOUT_AT_LEAST;
    private static final double GAP = 6;
    /** The share of the height (less the gap) the row of small tiles may take. */
    private static final double STRIP_SHARE = 0.25;
    private final ObjectProperty<Node> large = new SimpleObjectProperty<>(this, "large");

    public VideoGrid() {
        getStyleClass().add("video-grid");
        setMinSize(0, 0);
        large.addListener((obs, old, now) -> requestLayout());
    }

    /** The pane shown large when there are three panes or more; null (or not a child) for a plain grid. */
    public ObjectProperty<Node> largeProperty() {
        return large;
    }

    /**
     * The tiles of the speaker layout for {@code n} panes (at least two) in a {@code width}×{@code height}
     * area: the large tile first, then the small ones from left to right. Every tile is 16:9; the
     * small ones share one row below the large one, which takes the height they leave; the whole is
     * centred.
     */
    static Rectangle2D[] speakerTiles(int n, double width, double height) {
        int small = n - 1;
        double stripH = Math.max(0, (height - GAP) * STRIP_SHARE);
        double smallW = Math.min((width - GAP * (small - 1)) / small, stripH * 16 / 9);
        smallW = Math.max(0, smallW);
        double smallH = smallW * 9 / 16;
        double largeH = Math.max(0, height - GAP - smallH);
        double largeW = Math.min(width, largeH * 16 / 9);
        largeH = largeW * 9 / 16;
        double y0 = (height - (largeH + GAP + smallH)) / 2;
        Rectangle2D[] tiles = new Rectangle2D[n];
        tiles[0] = new Rectangle2D((width - largeW) / 2, y0, largeW, largeH);
        double rowW = small * smallW + GAP * (small - 1);
        double x0 = (width - rowW) / 2;
        for (int i = 0; i < small; i++) {
            tiles[i + 1] = new Rectangle2D(x0 + i * (smallW + GAP), y0 + largeH + GAP, smallW, smallH);
        }
        return tiles;
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
        Node big = large.get();
        if (n >= SPEAKER_LAYOUT_AT_LEAST && big != null && panes.contains(big)) {
            Rectangle2D[] tiles = speakerTiles(n, width, height);
            int next = 1;
            for (Node pane : panes) {
                Rectangle2D t = pane == big ? tiles[0] : tiles[next++];
                pane.resizeRelocate(t.getMinX(), t.getMinY(), t.getWidth(), t.getHeight());
            }
            return;
        }
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
