package dev.parley.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grid picks the column count that gives the largest 16:9 tiles; a tile without video shows initials. */
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
