package dev.parley.app.video;

/**
 * What a {@link FrameRenderer} has done since it was created. Immutable.
 *
 * @param received frames handed to the renderer
 * @param drawn frames shown on the FX thread
 * @param dropped frames skipped because the previous swap was still waiting for the FX thread
 * @param decodeNanos time spent on the decode thread converting frames and posting swaps
 * @param fxNanos time spent on the FX thread swapping images
 */
public record RenderStats(long received, long drawn, long dropped, long decodeNanos, long fxNanos) {
}
