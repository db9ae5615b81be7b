package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import dev.parley.engine.VideoStreamType;
import org.junit.jupiter.api.Test;

/** The layer each tile asks for: the full size while tiles are large, the small layer beyond four, screens and the large tile in full. */
class TileLayersTest {
    private static Stream stream(String id, PublishChannel channel) {
        return new Stream(new User("u-" + id), id, "", channel);
    }

    @Test
    void largeTilesGetTheFullSizeAndAGridOfManyTheSmallLayer() {
        Stream camera = stream("cam", PublishChannel.MAIN);
        for (int tiles = 1; tiles <= 4; tiles++) {
            assertEquals(VideoStreamType.BIG, TileLayers.layerFor(camera, tiles, false), tiles + " tiles");
        }
        for (int tiles = 5; tiles <= 12; tiles++) {
            assertEquals(VideoStreamType.SMALL, TileLayers.layerFor(camera, tiles, false), tiles + " tiles");
        }
    }

    @Test
    void aSharedScreenAlwaysComesInFull() {
        assertEquals(VideoStreamType.BIG, TileLayers.layerFor(stream("screen", PublishChannel.AUX), 9, false));
    }

    @Test
    void theLargeTileComesInFullAmongManySmallOnes() {
        assertEquals(VideoStreamType.BIG, TileLayers.layerFor(stream("cam", PublishChannel.MAIN), 9, true));
    }
}
