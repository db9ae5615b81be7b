package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.SignalKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route of SFU rooms: one send-only connection per published stream, to the media server
 * (signals to and from {@link MediaMode#MEDIA_SERVER_PEER}), whatever the audience. It opens as
 * soon as the stream is registered; the media server's answer makes it PUBLISHING. A MAIN stream
 * of 720p or more goes in three simulcast layers. When the media server hangs up (it lost the
 * connection, or restarted) or the connection fails, the stream is interrupted and offered again
 * after a pause, on a fresh connection. When the TURN relay refuses the connection's credentials
 * the stream is interrupted with {@link ErrorCode#ENGINE_RELAY_REFUSED} and offered again every few
 * seconds; it is PUBLISHING again once a connection comes up.
 *
 * <p>Engine loop only; webrtc-java work goes to the RTC thread. Lives as long as its room session.
 */
final class SfuRoute implements PublishRoute {
    private static final Logger LOG = LoggerFactory.getLogger(SfuRoute.class);
    /** The pause before a stream is offered again to the media server. */
    static final long REOFFER_MILLIS = 1000;
    /** The smallest height that is sent in simulcast layers. */
    static final int SIMULCAST_MIN_HEIGHT = 720;

    private static final String PEER = MediaMode.MEDIA_SERVER_PEER;
    private final LocalMedia media;
    private final RoomPort room;
    private final SendConnections connections;
    /** Offers waiting for their pause to end, by stream. */
    private final Map<String, Cancellable> reoffers = new HashMap<>();
    /**
     * Streams whose last connection the TURN relay refused: the media server's answer alone does
     * not make them PUBLISHING again, their connection coming up does.
     */
    private final Set<String> refused = new HashSet<>();

    /** @param onClose told of every connection that closes, before it does */
    SfuRoute(LocalMedia media, RoomPort room, LinkConfiguration configuration, Consumer<PeerLink> onClose) {
        this.media = media;
        this.room = room;
        this.connections = new SendConnections(media, room, configuration, onClose, new SendConnections.Outcomes() {
            @Override
            public void connected(PeerLink link) {
                if (refused.remove(link.streamId())) {
                    room.publicationAccepted(link.streamId());
                }
            }

            @Override
            public void failed(PeerLink link) {
                interrupted(link.streamId(), ErrorCode.PUBLISHER_MEDIA_SERVER_UNAVAILABLE.code(), REOFFER_MILLIS);
            }

            @Override
            public void relayRefused(PeerLink link) {
                refused.add(link.streamId());
                Relay.send(room, link.streamId(), PEER, SignalKind.HANGUP, null);
                interrupted(link.streamId(), ErrorCode.ENGINE_RELAY_REFUSED.code(), RemotePlays.RELAY_RETRY_MILLIS);
            }
        });
    }

    @Override
    public void published(String streamId, PublishChannel channel, boolean resumed) {
        media.loop().confinement().check();
        if (resumed && connections.get(streamId, PEER) != null) {
            // back after a resume: the room server kept the stream with the media server
            room.publicationAccepted(streamId);
        } else {
            cancelReoffer(streamId);
            open(streamId, channel);
        }
    }

    private void open(String streamId, PublishChannel channel) {
        PeerLink old = connections.get(streamId, PEER);
        if (old != null) {
            connections.remove(old);
            // a fresh connection is a new publication to the media server, not a renegotiation
            Relay.send(room, streamId, PEER, SignalKind.HANGUP, null);
        }
        boolean simulcast = channel == PublishChannel.MAIN && media.videoConfig().height() >= SIMULCAST_MIN_HEIGHT;
        connections.open(streamId, PEER, channel, simulcast);
    }

    @Override
    public void stopped(String streamId) {
        media.loop().confinement().check();
        cancelReoffer(streamId);
        refused.remove(streamId);
        connections.closeStream(streamId);
    }

    @Override
    public void onSignal(String streamId, String fromUserId, SignalKind kind, String payload) {
        media.loop().confinement().check();
        if (!PEER.equals(fromUserId)) {
            return;
        }
        PeerLink link = connections.get(streamId, PEER);
        switch (kind) {
            case ANSWER -> {
                if (link != null) {
                    connections.accept(link, payload);
                    if (!refused.contains(streamId)) {
                        room.publicationAccepted(streamId);
                    }
                }
            }
            case HANGUP -> {
                if (link == null && reoffers.containsKey(streamId)) {
                    // the connection is already gone and a fresh offer is coming: this is the media
                    // server confirming our own hang-up, or a second word about the same loss
                    return;
                }
                LOG.info("the media server hung up {}; offering it again", streamId);
                if (link != null) {
                    connections.remove(link);
                }
                interrupted(streamId, ErrorCode.PUBLISHER_MEDIA_SERVER_UNAVAILABLE.code(), REOFFER_MILLIS);
            }
            default -> {
                // the media server offers nothing to a publisher
            }
        }
    }

    /**
     * The stream's connection is gone: it is interrupted with {@code code}, and offered again after
     * {@code pauseMillis} if still published.
     */
    private void interrupted(String streamId, int code, long pauseMillis) {
        room.publicationInterrupted(streamId, code);
        cancelReoffer(streamId);
        reoffers.put(streamId, media.loop().schedule(() -> {
            reoffers.remove(streamId);
            PublishChannel channel = room.registeredChannel(streamId);
            if (channel != null && room.connected()) {
                open(streamId, channel);
            }
        }, pauseMillis));
    }

    private void cancelReoffer(String streamId) {
        Cancellable pending = reoffers.remove(streamId);
        if (pending != null) {
            pending.cancel();
        }
    }

    @Override
    public boolean addCandidate(String streamId, String fromUserId, RTCIceCandidate candidate) {
        media.loop().confinement().check();
        return PEER.equals(fromUserId) && connections.addCandidate(streamId, PEER, candidate);
    }

    @Override
    public List<PeerLink> links(String streamId) {
        return connections.links(streamId);
    }

    @Override
    public void closeAll() {
        reoffers.values().forEach(Cancellable::cancel);
        reoffers.clear();
        refused.clear();
        connections.closeAll();
    }
}
