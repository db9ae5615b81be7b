package dev.parley.engine;

/**
 * Receives the frames of a preview or a played stream.
 *
 * <p>Threading: called on a media thread (the capture thread for previews, the decode thread for
 * played streams), one frame at a time. It must return quickly: convert or copy what it needs,
 * and drop frames rather than queue them when it falls behind. It must not call engine methods
 * that wait.
 */
@FunctionalInterface
public interface VideoSink {
    /** A new frame; valid only during this call unless retained, see {@link VideoFrame}. */
    void onFrame(VideoFrame frame);
}
