package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCConfiguration;
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
 * The mesh route: one send-only connection per player of each stream this client publishes, all
 * sharing the local tracks. A player asks with a PLAY_REQUEST through the server's relay; this
 * client offers on a fresh connection, which replaces any earlier one to that player. MAIN
 * streams send the camera and microphone, AUX streams the screen.
 *
 * <p>Engine loop only; webrtc-java work goes to the RTC thread. Lives as long as its room session.
 */
final class MeshRoute implements PublishRoute, PeerLink.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(MeshRoute.class);
    /** How long after a send connection comes up its audio stream has started (and restarted the device capture). */
    private static final long AUDIO_SETTLE_MILLIS = 300;

    private final LocalMedia media;
    private final Scheduler loop;
    private final RoomPort room;
    private final LinkConfiguration configuration;
    private final Consumer<PeerLink> onClose;
    private final Map<String, Map<String, PeerLink>> byStream = new HashMap<>();
    /** Connections of AUX streams: they send the screen and no audio. */
    private final Set<PeerLink> screenLinks = new HashSet<>();

    /** @param onClose told of every connection that closes, before it does */
    MeshRoute(LocalMedia media, RoomPort room, LinkConfiguration configuration, Consumer<PeerLink> onClose) {
        this.media = media;
        this.loop = media.loop();
        this.room = room;
        this.configuration = configuration;
        this.onClose = onClose;
    }

    @Override
    public void published(String streamId, PublishChannel channel) {
        // nothing to open yet: each player asks for the stream
    }

    @Override
    public void stopped(String streamId) {
        loop.confinement().check();
        Map<String, PeerLink> links = byStream.remove(streamId);
        if (links != null) {
            links.values().forEach(this::close);
        }
    }

    @Override
    public void onSignal(String streamId, String fromUserId, SignalKind kind, String payload) {
        loop.confinement().check();
        switch (kind) {
            case PLAY_REQUEST -> {
                PeerLink existing = get(streamId, fromUserId);
                if (RemotePlays.ICE_RESTART.equals(payload) && existing != null) {
                    media.rtc().execute("restart ice", existing::restartIce);
                } else {
                    PublishChannel channel = room.registeredChannel(streamId);
                    if (channel != null) {
                        open(streamId, fromUserId, configuration.create(), channel);
                    }
                }
            }
            case ANSWER -> {
                PeerLink link = get(streamId, fromUserId);
                if (link != null) {
                    media.rtc().execute("accept answer", () -> link.accept(payload));
                }
            }
            case HANGUP -> {
                PeerLink link = get(streamId, fromUserId);
                if (link != null) {
                    remove(link);
                }
            }
            default -> {
                // offers and candidates are not for the publisher's side
            }
        }
    }

    @Override
    public boolean addCandidate(String streamId, String fromUserId, RTCIceCandidate candidate) {
        loop.confinement().check();
        PeerLink link = get(streamId, fromUserId);
        if (link == null) {
            return false;
        }
        if (candidate != null) {
            media.rtc().execute("add candidate", () -> link.addRemoteCandidate(candidate));
        }
        return true;
    }

    @Override
    public List<PeerLink> links(String streamId) {
        Map<String, PeerLink> links = byStream.get(streamId);
        return links == null ? List.of() : new ArrayList<>(links.values());
    }

    @Override
    public void closeAll() {
        loop.confinement().check();
        for (Map<String, PeerLink> links : byStream.values()) {
            links.values().forEach(this::close);
        }
        byStream.clear();
    }

    private void open(String streamId, String playerId, RTCConfiguration linkConfiguration, PublishChannel channel) {
        Map<String, PeerLink> links = byStream.computeIfAbsent(streamId, k -> new HashMap<>());
        PeerLink old = links.remove(playerId);
        if (old != null) {
            close(old);
        }
        PeerLink link = new PeerLink(streamId, playerId, true, media.rtc(), loop, this, null);
        links.put(playerId, link);
        int bitrate = media.videoConfig().bitrateKbps();
        SendTracks tracks = media.tracks();
        if (channel == PublishChannel.AUX) {
            screenLinks.add(link);
            media.rtc().execute("open screen link", () -> tracks.openScreen(link, linkConfiguration, bitrate));
            return;
        }
        boolean withVideo = media.cameraEnabled();
        media.audioUnsettled(link);
        media.rtc().execute("open send link", () -> tracks.openMain(link, linkConfiguration, withVideo, bitrate));
    }

    private PeerLink get(String streamId, String playerId) {
        Map<String, PeerLink> links = byStream.get(streamId);
        return links == null ? null : links.get(playerId);
    }

    /** Closes the connection to one player, if it is still the current one. */
    private void remove(PeerLink link) {
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
        if (current(link)) {
            Relay.send(room, link.streamId(), link.remoteUserId(), type == RTCSdpType.OFFER ? SignalKind.OFFER
                    : SignalKind.ANSWER, sdp);
        }
    }

    @Override
    public void onLocalCandidate(PeerLink link, RTCIceCandidate candidate) {
        if (current(link)) {
            Relay.send(room, link.streamId(), link.remoteUserId(), SignalKind.ICE_CANDIDATE, CandidateCodec.encode(candidate));
        }
    }

    @Override
    public void onConnectionState(PeerLink link, RTCPeerConnectionState state) {
        LOG.debug("send link for {} with {}: {}", link.streamId(), link.remoteUserId(), state);
        if (state == RTCPeerConnectionState.CONNECTED && current(link)) {
            // the audio send stream starts with the connection and restarts the device capture
            loop.schedule(() -> media.rtc().execute("settle audio", () -> media.audioSettled(link)), AUDIO_SETTLE_MILLIS);
        }
    }

    @Override
    public void onFailure(PeerLink link, String what) {
        LOG.warn("send link for {} with {} failed: {}", link.streamId(), link.remoteUserId(), what);
        remove(link);
    }
}
