package dev.parley.engine.internal.devices;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.internal.core.Confinement;
import java.awt.GraphicsDevice;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen track shared by every AUX send connection: started by the first user, stopped by the
 * last, and moved to another screen under running connections (the new track goes to
 * {@code moved}, whose owner puts it on every connection that carries the old one).
 *
 * <p>RTC thread only, apart from the static methods; lives as long as the engine's media.
 */
public final class ScreenShare {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenShare.class);
    private static final int FPS = 10;
    private final Supplier<PeerConnectionFactory> factory;
    private final int engineNumber;
    private final Confinement rtc;
    private final Consumer<VideoTrack> moved;
    private ScreenSource source;
    private int users;
    /** The chosen screen's ID; null for the primary screen. */
    private String screenId;

    public ScreenShare(Supplier<PeerConnectionFactory> factory, int engineNumber, Confinement rtc,
                       Consumer<VideoTrack> moved) {
        this.factory = factory;
        this.engineNumber = engineNumber;
        this.rtc = rtc;
        this.moved = moved;
    }

    /** The screens an AUX stream can share, the primary first; empty without a display. Any thread. */
    public static List<DeviceInfo> screens() {
        return Screens.list();
    }

    /** Why the screen cannot be captured in this process, or null when it can. Any thread. */
    public static String unavailableReason() {
        return ScreenSource.unavailableReason();
    }

    /** The screen track for one more user, or null (and no user counted) when the screen cannot be captured. */
    public VideoTrack acquire() {
        rtc.check();
        if (source == null) {
            source = open(Screens.find(screenId));
            if (source == null) {
                return null;
            }
        }
        users++;
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

    /** One user that {@link #acquire()} gave the track let go; the last one stops the capture. */
    public void release() {
        rtc.check();
        if (users > 0 && --users == 0 && source != null) {
            source.dispose();
            source = null;
        }
    }

    /**
     * Captures screen {@code id} from now on; a running share moves there, keeping its
     * connections. Returns false, changing nothing, for an unknown screen or one that cannot be
     * captured.
     */
    public boolean use(String id) {
        rtc.check();
        GraphicsDevice screen = Screens.find(id);
        if (screen == null) {
            return false;
        }
        if (source == null) {
            screenId = id;
            return true;
        }
        ScreenSource next = open(screen);
        if (next == null) {
            return false;
        }
        screenId = id;
        ScreenSource old = source;
        source = next;
        moved.accept(next.track());
        old.dispose();
        return true;
    }

    /** Stops capture at engine teardown, after every connection is closed. */
    public void dispose() {
        rtc.check();
        if (source != null) {
            source.dispose();
            source = null;
        }
        users = 0;
    }
}
