package dev.parley.app;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.VideoStreamType;

/**
 * Which simulcast layer each played stream should arrive in, from how the window shows it: with
 * more than four camera tiles, each is small and the small layer (a quarter of the size) is
 * enough; with fewer, tiles are large and get the full size. A shared screen and the stream in the
 * large tile ({@link LargeTile}) always come in full.
 * Only streams of SFU rooms have layers; in a mesh the engine ignores the choice.
 *
 * <p>Stateless.
 */
final class TileLayers {
    /** More camera tiles than this, and each one is small. */
    static final int LARGE_TILES_AT_MOST = 4;

    private TileLayers() {
    }

    static VideoStreamType layerFor(Stream stream, int cameraTiles, boolean largeTile) {
        if (stream.channel() == PublishChannel.AUX || largeTile) {
            return VideoStreamType.BIG;
        }
        return cameraTiles > LARGE_TILES_AT_MOST ? VideoStreamType.SMALL : VideoStreamType.BIG;
    }
}
