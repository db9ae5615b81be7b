package dev.parley.engine.internal;

import dev.onvoid.webrtc.RTCConfiguration;
import dev.parley.engine.PublishChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The publisher side of a room's media: one send-only connection per player of each stream this
 * client publishes, all sharing the local tracks.
 *
 * <p>Not thread-safe; runs on the engine loop and hands webrtc-java work to the RTC thread. Lives
 * as long as its room session.
 */
final class SendLinks {
    private final EngineContext engine;
    private final MediaRuntime media;
    private final PeerLink.Listener listener;
    private final Consumer<PeerLink> onClose;
    private final Map<String, Map<String, PeerLink>> byStream = new HashMap<>();
    /** Connections of AUX streams: they send the screen and no audio. */
    private final java.util.Set<PeerLink> screenLinks = new java.util.HashSet<>();

    SendLinks(EngineContext engine, MediaRuntime media, PeerLink.Listener listener, Consumer<PeerLink> onClose) {
        this.engine = engine;
        this.media = media;
        this.listener = listener;
        this.onClose = onClose;
    }

    /**
     * A player asked for {@code streamId}: a fresh connection replaces any earlier one to it. MAIN
     * streams send the camera and microphone, AUX streams the screen.
     */
    void open(String streamId, String playerId, RTCConfiguration configuration, PublishChannel channel) {
        Map<String, PeerLink> links = byStream.computeIfAbsent(streamId, k -> new HashMap<>());
        PeerLink old = links.remove(playerId);
        if (old != null) {
            close(old);
        }
        PeerLink link = new PeerLink(streamId, playerId, true, media.rtc(), engine.loop(), listener, null);
        links.put(playerId, link);
        if (channel == PublishChannel.AUX) {
            openScreen(link, configuration);
            return;
        }
        int bitrate = media.videoConfig().bitrateKbps();
        boolean withVideo = media.cameraEnabled();
        link.withVideo(withVideo);
        media.audioUnsettled(link);
        media.rtc().execute("open send link", () -> {
            link.open(media.factory(), configuration);
            link.offer(withVideo ? media.acquireVideo() : null, media.acquireAudio(), bitrate, media.audioLock());
            media.videoLink(link, withVideo);
            media.audioLink(link, true);
        });
    }

    private void openScreen(PeerLink link, RTCConfiguration configuration) {
        screenLinks.add(link);
        link.withVideo(true);
        int bitrate = media.videoConfig().bitrateKbps();
        media.rtc().execute("open screen link", () -> {
            link.open(media.factory(), configuration);
            link.offer(media.screen().acquire(link), null, bitrate, media.audioLock());
        });
    }

    PeerLink get(String streamId, String playerId) {
        Map<String, PeerLink> links = byStream.get(streamId);
        return links == null ? null : links.get(playerId);
    }

    List<PeerLink> of(String streamId) {
        Map<String, PeerLink> links = byStream.get(streamId);
        return links == null ? List.of() : new ArrayList<>(links.values());
    }

    /** Closes the connection to one player, if it is still the current one. */
    void remove(PeerLink link) {
        Map<String, PeerLink> links = byStream.get(link.streamId());
        if (links != null && links.remove(link.remoteUserId(), link)) {
            close(link);
        }
    }

    void remove(String streamId, String playerId) {
        PeerLink link = get(streamId, playerId);
        if (link != null) {
            remove(link);
        }
    }

    /** The stream stopped: every player's connection goes. */
    void removeStream(String streamId) {
        Map<String, PeerLink> links = byStream.remove(streamId);
        if (links != null) {
            links.values().forEach(this::close);
        }
    }

    void closeAll() {
        for (Map<String, PeerLink> links : byStream.values()) {
            links.values().forEach(this::close);
        }
        byStream.clear();
    }

    private void close(PeerLink link) {
        onClose.accept(link);
        if (screenLinks.remove(link)) {
            media.rtc().execute("close screen link", () -> {
                link.close(media.audioLock());
                media.screen().release(link);
            });
            return;
        }
        media.audioAbandoned(link);
        media.rtc().execute("close send link", () -> {
            link.close(media.audioLock());
            // only what this link took: a link whose opening failed took nothing
            if (media.videoLink(link, false)) {
                media.releaseVideo();
            }
            if (media.audioLink(link, false)) {
                media.releaseAudio();
            }
        });
    }
}
