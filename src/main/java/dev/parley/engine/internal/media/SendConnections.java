package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.protocol.SignalKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send-only connections of this client's publications, by stream and by the peer at the other
 * end (a player in a mesh, the media server in an SFU room), all sharing the local tracks from
 * {@link SendTracks}: opening one (which offers), taking the peer's answer and candidates,
 * ICE restarts, and closing. Descriptions and candidates go to the peer through the room's relay.
 * MAIN streams send the camera and microphone, AUX streams the screen.
 *
 * <p>Engine loop only; webrtc-java work goes to the RTC thread. Lives as long as its route.
 */
final class SendConnections implements PeerLink.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SendConnections.class);
    /** How long after a send connection comes up its audio stream has started (and restarted the device capture). */
    private static final long AUDIO_SETTLE_MILLIS = 300;

    private final LocalMedia media;
    private final Scheduler loop;
    private final RoomPort room;
    private final LinkConfiguration configuration;
    private final Consumer<PeerLink> onClose;
    private final Outcomes outcomes;
    private final Map<String, Map<String, PeerLink>> byStream = new HashMap<>();
    /** Connections of AUX streams: they send the screen and no audio. */
    private final Set<PeerLink> screenLinks = new HashSet<>();

    /** What the route hears of its connections; engine loop. */
    interface Outcomes {
        /** A current connection came up. */
        void connected(PeerLink link);

        /** A current connection failed to negotiate, or its offer was refused; it is closed. */
        void failed(PeerLink link);

        /** The TURN relay refused a current connection's credentials, so it cannot come up; it is closed. */
        void relayRefused(PeerLink link);
    }

    /** @param onClose told of every connection that closes, before it does */
    SendConnections(LocalMedia media, RoomPort room, LinkConfiguration configuration, Consumer<PeerLink> onClose,
                    Outcomes outcomes) {
        this.media = media;
        this.loop = media.loop();
        this.room = room;
        this.configuration = configuration;
        this.onClose = onClose;
        this.outcomes = outcomes;
    }

    /**
     * Opens a connection for {@code streamId} to {@code peerId} and offers, replacing an earlier one
     * to that peer; {@code simulcast} sends the camera in three layers.
     */
    void open(String streamId, String peerId, PublishChannel channel, boolean simulcast) {
        loop.confinement().check();
        Map<String, PeerLink> links = byStream.computeIfAbsent(streamId, k -> new HashMap<>());
        PeerLink old = links.remove(peerId);
        if (old != null) {
            close(old);
        }
        PeerLink link = new PeerLink(streamId, peerId, true, media.rtc(), loop, this, null);
        links.put(peerId, link);
        int bitrate = media.videoConfig().bitrateKbps();
        SendTracks tracks = media.tracks();
        var linkConfiguration = configuration.create();
        if (channel == PublishChannel.AUX) {
            screenLinks.add(link);
            media.rtc().execute("open screen link", () -> tracks.openScreen(link, linkConfiguration, bitrate));
            return;
        }
        boolean withVideo = media.cameraEnabled();
        media.audioUnsettled(link);
        media.rtc().execute("open send link",
                () -> tracks.openMain(link, linkConfiguration, withVideo, bitrate, simulcast && withVideo));
    }

    PeerLink get(String streamId, String peerId) {
        Map<String, PeerLink> links = byStream.get(streamId);
        return links == null ? null : links.get(peerId);
    }

    void restartIce(PeerLink link) {
        media.rtc().execute("restart ice", link::restartIce);
    }

    void accept(PeerLink link, String answer) {
        media.rtc().execute("accept answer", () -> link.accept(answer));
    }

    /** Hands a candidate from {@code peerId} to its link for {@code streamId}; false when there is no such link. */
    boolean addCandidate(String streamId, String peerId, RTCIceCandidate candidate) {
        PeerLink link = get(streamId, peerId);
        if (link == null) {
            return false;
        }
        if (candidate != null) {
            media.rtc().execute("add candidate", () -> link.addRemoteCandidate(candidate));
        }
        return true;
    }

    List<PeerLink> links(String streamId) {
        Map<String, PeerLink> links = byStream.get(streamId);
        return links == null ? List.of() : new ArrayList<>(links.values());
    }

    /** Closes every connection of {@code streamId}. */
    void closeStream(String streamId) {
        loop.confinement().check();
        Map<String, PeerLink> links = byStream.remove(streamId);
        if (links != null) {
            links.values().forEach(this::close);
        }
    }

    void closeAll() {
        loop.confinement().check();
        for (Map<String, PeerLink> links : byStream.values()) {
            links.values().forEach(this::close);
        }
        byStream.clear();
    }

    /** Closes the connection to one peer, if it is still the current one. */
    void remove(PeerLink link) {
        Map<String, PeerLink> links = byStream.get(link.streamId());
        if (links != null && links.remove(link.remoteUserId(), link)) {
            close(link);
        }
    }

    private void close(PeerLink link) {
        onClose.accept(link);
        SendTracks tracks = media.tracks();
        if (screenLinks.remove(link)) {
            media.rtc().execute("close screen link", () -> tracks.close(link));
            return;
        }
        media.audioAbandoned(link);
        media.rtc().execute("close send link", () -> tracks.close(link));
    }

    private boolean current(PeerLink link) {
        return get(link.streamId(), link.remoteUserId()) == link;
    }

    // ---- link events (engine loop) ----

    @Override
    public void onLocalDescription(PeerLink link, RTCSdpType type, String sdp) {
        if (!current(link) || !room.connected()) {
            return;
        }
        // a refused offer (the player left, or the media server is down) leaves nothing to wait for
        room.relay(link.streamId(), link.remoteUserId(), SignalKind.OFFER, sdp, code -> {
            if (code != 0 && current(link)) {
                LOG.info("offer of {} to {} refused: {}", link.streamId(), link.remoteUserId(), code);
                remove(link);
                outcomes.failed(link);
            }
        });
    }

    @Override
    public void onLocalCandidate(PeerLink link, RTCIceCandidate candidate) {
        if (current(link)) {
            Relay.sendCandidate(room, link, candidate);
        }
    }

    @Override
    public void onConnectionState(PeerLink link, RTCPeerConnectionState state) {
        LOG.debug("send link for {} with {}: {}", link.streamId(), link.remoteUserId(), state);
        if (state == RTCPeerConnectionState.CONNECTED && current(link)) {
            // the audio send stream starts with the connection and restarts the device capture
            loop.schedule(() -> media.rtc().execute("settle audio", () -> media.audioSettled(link)), AUDIO_SETTLE_MILLIS);
            outcomes.connected(link);
        } else if (state == RTCPeerConnectionState.FAILED && link.relayRefused()) {
            // no direct path worked, and the relay that could have carried it refused the credentials
            onRelayRefused(link);
        }
    }

    @Override
    public void onRelayRefused(PeerLink link) {
        if (current(link)) {
            LOG.info("send link for {} with {}: the relay refused the credentials", link.streamId(), link.remoteUserId());
            remove(link);
            outcomes.relayRefused(link);
        }
    }

    @Override
    public void onFailure(PeerLink link, String what) {
        LOG.warn("send link for {} with {} failed: {}", link.streamId(), link.remoteUserId(), what);
        boolean wasCurrent = current(link);
        remove(link);
        if (wasCurrent) {
            outcomes.failed(link);
        }
    }
}
