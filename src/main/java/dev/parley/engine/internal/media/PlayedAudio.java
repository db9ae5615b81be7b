package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.parley.engine.internal.audio.StreamVolumePlayer;
import dev.parley.engine.internal.core.Confinement;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one receive connection's audio is heard: in WebRTC's own mix as received (volume 100),
 * through a {@link StreamVolumePlayer} of its own at any other volume, with the stream silenced in
 * WebRTC's mix so that it is never heard twice, or nowhere (volume 0; a muted play or speaker,
 * where a player already open plays silence, so that unmuting is heard at once). Where no audio device module of its own opens (a headless engine, no sound server), a
 * stream at another volume plays as received, and a log line says so.
 *
 * <p>RTC thread only. Lives as long as its {@link PeerLink}; {@link #close} before the link
 * closes releases the player.
 */
final class PlayedAudio {
    private static final Logger LOG = LoggerFactory.getLogger(PlayedAudio.class);

    private final String streamId;
    private final PeerLink link;
    private final Supplier<AudioDeviceModule> openPlayoutModule;
    private final Confinement rtc;
    private StreamVolumePlayer player;
    /** No player could play here: the stream plays as received, whatever its volume. */
    private boolean ownPlayoutUnavailable;
    private boolean closed;

    /** {@code openPlayoutModule}: a system audio device module of its own, or null where there is none. */
    PlayedAudio(String streamId, PeerLink link, Supplier<AudioDeviceModule> openPlayoutModule, Confinement rtc) {
        this.streamId = streamId;
        this.link = link;
        this.openPlayoutModule = openPlayoutModule;
        this.rtc = rtc;
    }

    /**
     * Plays the stream at {@code volume} (0 to 200) while {@code audible}, and not at all otherwise.
     * A player of its own, once started, stays while the volume is neither 0 nor 100, also while
     * the play or the speaker is muted (it then plays silence), so that unmuting is heard at once.
     */
    void apply(boolean audible, int volume) {
        rtc.check();
        if (closed) {
            return;
        }
        boolean ownVolume = volume != 0 && volume != PlaybackSettings.DEFAULT_VOLUME && !ownPlayoutUnavailable;
        if (!ownVolume) {
            stopPlayer();
            link.playAudio(audible);
            return;
        }
        // the player starts before the mix falls silent: the stream then misses only the ~40 ms the
        // player's buffer takes to fill, not the seconds a module can take to open
        if (player == null && !startPlayer(audible ? volume : 0)) {
            link.playAudio(audible);
            return;
        }
        link.playAudio(false);
        player.volume(audible ? volume : 0);
    }

    private boolean startPlayer(int volume) {
        AudioDeviceModule module = openPlayoutModule.get();
        StreamVolumePlayer started = module == null ? null : new StreamVolumePlayer(module, volume, rtc);
        if (started == null || !started.start()) {
            ownPlayoutUnavailable = true;
            LOG.info("no speaker device of its own for {}: it plays as received at volume {}", streamId, volume);
            return false;
        }
        player = started;
        link.volumeSink(player);
        return true;
    }

    private void stopPlayer() {
        if (player != null) {
            link.volumeSink(null);
            player.close();
            player = null;
        }
    }

    /** The player stops and releases its module; the link closes next. */
    void close() {
        rtc.check();
        closed = true;
        stopPlayer();
    }
}
