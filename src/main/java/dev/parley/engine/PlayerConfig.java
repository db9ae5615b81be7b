package dev.parley.engine;

import java.util.Objects;

/**
 * How to play a stream. Immutable.
 *
 * @param videoType the simulcast layer to receive; change it during play with
 *                  {@link ParleyEngine#setPlayStreamVideoType}
 */
public record PlayerConfig(VideoStreamType videoType) {
    public PlayerConfig {
        Objects.requireNonNull(videoType, "videoType");
    }

    /** {@link VideoStreamType#DEFAULT}: the media server chooses. */
    public static PlayerConfig defaults() {
        return new PlayerConfig(VideoStreamType.DEFAULT);
    }
}
