package dev.parley.engine;

/**
 * Where the engine draws a preview or a played stream: a {@link VideoSink} and a view mode.
 * Immutable.
 */
public record Canvas(VideoSink sink, ViewMode viewMode) {
    public Canvas {
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        viewMode = viewMode == null ? ViewMode.ASPECT_FILL : viewMode;
    }

    public Canvas(VideoSink sink) {
        this(sink, ViewMode.ASPECT_FILL);
    }
}
