package dev.parley.engine;

import java.util.Objects;

/**
 * Where the engine draws a preview or a played stream: a {@link VideoSink} and a view mode.
 * Immutable.
 */
public record Canvas(VideoSink sink, ViewMode viewMode) {
    public Canvas {
        Objects.requireNonNull(sink, "sink");
        viewMode = viewMode == null ? ViewMode.ASPECT_FILL : viewMode;
    }

    public Canvas(VideoSink sink) {
        this(sink, ViewMode.ASPECT_FILL);
    }
}
