package dev.parley.app;

import dev.parley.engine.IceTransportPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The options of {@code parley call --headless}. Immutable.
 *
 * @param serverUrl the room server
 * @param roomId the room to join
 * @param userId the bot's user
 * @param userName its display name
 * @param appId the app
 * @param appSign the appSign, or null when a token is given
 * @param token a login token, or null
 * @param publishStreamId the stream to publish, or null for none
 * @param source "pattern" or "camera"
 * @param audioOnly publish without video
 * @param width video width
 * @param height video height
 * @param fps frames per second
 * @param bitrateKbps the video bitrate cap, kbit/s
 * @param duration how long to stay, or null until stopped
 * @param play "all", "none", or the stream IDs to play
 * @param iceTransportPolicy which ICE candidates the bot's connections may use
 * @param soundLevelIntervalMillis how often to print sound levels, or 0 for never
 */
public record CallBotOptions(String serverUrl, String roomId, String userId, String userName, long appId, String appSign,
                             String token, String publishStreamId, String source, boolean audioOnly, int width, int height,
                             int fps, int bitrateKbps, Duration duration, List<String> play,
                             IceTransportPolicy iceTransportPolicy, int soundLevelIntervalMillis) {
    /** The cap when none is given: enough for the default 640x360. */
    public static final int DEFAULT_BITRATE_KBPS = 1200;

    public boolean playsAll() {
        return play.equals(List.of("all"));
    }

    public boolean plays(String streamId) {
        return playsAll() || play.contains(streamId);
    }
}
