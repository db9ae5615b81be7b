package dev.parley.engine;

/**
 * What the engine captures and encodes. Immutable.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fps frames per second
 * @param bitrateKbps the encoder's target, in kbit/s
 */
public record VideoConfig(int width, int height, int fps, int bitrateKbps) {
    public VideoConfig {
        if (width < 16 || height < 16 || width > 3840 || height > 2160 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("resolution must be even, 16x16 to 3840x2160: " + width + "x" + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1 to 60: " + fps);
        }
        if (bitrateKbps < 50 || bitrateKbps > 20_000) {
            throw new IllegalArgumentException("bitrate must be 50 to 20000 kbps: " + bitrateKbps);
        }
    }

    /** The preset a scenario starts with. */
    public static VideoConfig preset(Scenario scenario) {
        return switch (scenario) {
            case HIGH_QUALITY_VIDEO_CALL, BROADCAST -> new VideoConfig(1280, 720, 30, 1500);
            case STANDARD_CHATROOM -> new VideoConfig(320, 180, 15, 300);
            case DEFAULT, STANDARD_VIDEO_CALL -> new VideoConfig(640, 360, 15, 600);
        };
    }
}
