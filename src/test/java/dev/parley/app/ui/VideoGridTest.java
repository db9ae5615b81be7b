package dev.parley.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grid picks the column count that gives the largest 16:9 tiles; the speaker layout's large tile
 * and row of small ones; a tile without video shows initials.
 */
class VideoGridTest {

    @ParameterizedTest
    @CsvSource({
        "1, 860, 620, 1",
        "2, 860, 620, 1",
        "2, 1600, 500, 2",
        "3, 860, 620, 2",
        "4, 860, 620, 2",
        "4, 1600, 400, 4",
        "9, 1200, 700, 3",
        "12, 1200, 700, 3",
        "12, 1600, 700, 4",
    })
    void columnsGiveTheLargestTiles(int panes, double width, double height, int columns) {
        assertEquals(columns, VideoGrid.columns(panes, width, height));
    }

    @ParameterizedTest
    @CsvSource({
        "3, 860, 620",
        "4, 860, 620",
        "5, 1600, 500",
        "9, 1200, 700",
        "12, 640, 900",
    })
    void theSpeakerLayoutHasOneLargeTileAboveARowOfSmallOnes(int panes, double width, double height) {
        Rectangle2D[] tiles = VideoGrid.speakerTiles(panes, width, height);
        assertEquals(panes, tiles.length);
        Rectangle2D large = tiles[0];
        assertEquals(16.0 / 9, large.getWidth() / large.getHeight(), 1e-6, "the large tile is 16:9");
        int cols = VideoGrid.columns(panes, width, height);
        int rows = (panes + cols - 1) / cols;
        double gridTileW = Math.min((width - 6 * (cols - 1)) / cols, (height - 6 * (rows - 1)) / rows * 16 / 9);
        assertTrue(large.getWidth() > gridTileW, "the large tile is wider than a plain grid's tiles: " + large);
        assertTrue(large.getWidth() >= 2 * tiles[1].getWidth(), "and at least twice as wide as a small one");
        for (int i = 1; i < panes; i++) {
            Rectangle2D small = tiles[i];
            assertEquals(16.0 / 9, small.getWidth() / small.getHeight(), 1e-6, "small tiles are 16:9");
            assertTrue(small.getHeight() <= (height - 6) / 4 + 1e-6, "small tiles take at most a quarter of the height");
            assertTrue(small.getMinY() >= large.getMaxY() + 6 - 1e-6, "small tiles sit below the large one");
            assertTrue(small.getMinX() >= -1e-6 && small.getMaxX() <= width + 1e-6, "inside the area");
            assertTrue(small.getMaxY() <= height + 1e-6, "inside the area");
            if (i > 1) {
                assertEquals(tiles[i - 1].getMaxX() + 6, small.getMinX(), 1e-6, "in one row, in order");
                assertEquals(tiles[i - 1].getMinY(), small.getMinY(), 1e-6);
            }
        }
        double left = tiles[1].getMinX();
        double right = width - tiles[panes - 1].getMaxX();
        assertEquals(left, right, 1e-6, "the row is centred");
        assertEquals(large.getMinX(), width - large.getMaxX(), 1e-6, "the large tile is centred");
        assertEquals(large.getMinY(), height - tiles[1].getMaxY(), 1e-6, "the whole is centred");
    }

    @Test
    void inAWindowShapedLikeTheCallViewTheLargeTileTakesMostOfTheArea() {
        // 860x620: the strip is (620 - 6) / 4 = 153.5 high; the large tile gets the 460.5 above it
        Rectangle2D large = VideoGrid.speakerTiles(3, 860, 620)[0];
        assertEquals(460.5, large.getHeight(), 1e-6);
        assertEquals(460.5 * 16 / 9, large.getWidth(), 1e-6);
        Rectangle2D small = VideoGrid.speakerTiles(3, 860, 620)[1];
        assertEquals(153.5, small.getHeight(), 1e-6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Alice (you)         | A",
        "Bob Whitfield-Stone | BW",
        "carol-2             | C",
        "\u0141ukasz \u017b\u00f3\u0142w | \u0141\u017b",
        "42                  | 4",
        "''                  | ''",
    })
    void aTileWithoutVideoShowsInitials(String name, String initials) {
        assertEquals(initials, VideoPane.initials(name));
    }
}
