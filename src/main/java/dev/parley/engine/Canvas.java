package dev.parley.engine;

/**
 * Where the engine delivers a preview or a played stream: a {@link VideoSink}, which receives
 * every decoded frame at its own size. How a frame is fitted to a view is up to the sink (the app's
 * renderer has its view modes). Immutable.
 */
public record Canvas(VideoSink sink) {
    public Canvas {
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
    }
}
