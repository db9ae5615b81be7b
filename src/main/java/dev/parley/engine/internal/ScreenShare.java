package dev.parley.engine.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen track shared by every AUX send connection: started by the first, stopped by the
 * last. RTC thread only; lives as long as the engine's media.
 */
final class ScreenShare {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenShare.class);
    private static final int FPS = 10;
    private final Supplier<PeerConnectionFactory> factory;
    private final int engineNumber;
    private ScreenSource source;
    private int users;

    ScreenShare(Supplier<PeerConnectionFactory> factory, int engineNumber) {
        this.factory = factory;
        this.engineNumber = engineNumber;
    }

    /** The screen track, or null when the screen cannot be captured. */
    VideoTrack acquire() {
        if (source == null) {
            try {
                source = new ScreenSource(factory.get(), "screen-" + engineNumber, FPS, engineNumber);
            } catch (Exception | Error e) {
                LOG.warn("cannot capture the screen: {}", e.toString());
                return null;
            }
        }
        users++;
        return source.track();
    }

    void release() {
        if (users > 0 && --users == 0 && source != null) {
            source.dispose();
            source = null;
        }
    }

    /** Stops capture at engine teardown, after every connection is closed. */
    void dispose() {
        if (source != null) {
            source.dispose();
            source = null;
            users = 0;
        }
    }
}
