package dev.parley.engine.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.awt.GraphicsDevice;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen track shared by every AUX send connection: started by the first, stopped by the
 * last, and moved to another screen on all of them at once. RTC thread only; lives as long as the
 * engine's media.
 */
final class ScreenShare {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenShare.class);
    private static final int FPS = 10;
    private final Supplier<PeerConnectionFactory> factory;
    private final int engineNumber;
    private final Set<PeerLink> links = new LinkedHashSet<>();
    private ScreenSource source;
    /** The chosen screen's ID; null for the primary screen. */
    private String screenId;

    ScreenShare(Supplier<PeerConnectionFactory> factory, int engineNumber) {
        this.factory = factory;
        this.engineNumber = engineNumber;
    }

    /** The screen track for {@code link}, or null when the screen cannot be captured. */
    VideoTrack acquire(PeerLink link) {
        if (source == null) {
            source = open(Screens.find(screenId));
            if (source == null) {
                return null;
            }
        }
        links.add(link);
        return source.track();
    }

    private ScreenSource open(GraphicsDevice screen) {
        if (screen == null) {
            LOG.warn("cannot capture the screen: {}", screenId == null ? "no display" : "no screen " + screenId);
            return null;
        }
        try {
            return new ScreenSource(factory.get(), screen, "screen-" + engineNumber, FPS, engineNumber);
        } catch (Exception | Error e) {
            LOG.warn("cannot capture the screen: {}", e.toString());
            return null;
        }
    }

    void release(PeerLink link) {
        if (links.remove(link) && links.isEmpty() && source != null) {
            source.dispose();
            source = null;
        }
    }

    /**
     * Captures screen {@code id} from now on; a running share moves there on every connection,
     * keeping them. Returns false, changing nothing, for an unknown screen or one that cannot be
     * captured.
     */
    boolean use(String id) {
        GraphicsDevice screen = Screens.find(id);
        if (screen == null) {
            return false;
        }
        if (source == null) {
            screenId = id;
            return true;
        }
        ScreenSource moved = open(screen);
        if (moved == null) {
            return false;
        }
        screenId = id;
        ScreenSource old = source;
        source = moved;
        for (PeerLink link : links) {
            link.replaceVideo(moved.track());
        }
        old.dispose();
        return true;
    }

    /** Stops capture at engine teardown, after every connection is closed. */
    void dispose() {
        if (source != null) {
            source.dispose();
            source = null;
        }
        links.clear();
    }
}
