package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.parley.engine.PublishChannel;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.SignalKind;
import java.util.List;
import java.util.function.Consumer;

/**
 * The mesh route: one send-only connection per player of each stream this client publishes, all
 * sharing the local tracks. A player asks with a PLAY_REQUEST through the server's relay; this
 * client offers on a fresh connection, which replaces any earlier one to that player. When the
 * TURN relay refuses a connection's credentials, the player is told with a HANGUP and the stream is
 * PUBLISH_REQUESTING with {@link ErrorCode#ENGINE_RELAY_REFUSED} until a connection comes up.
 *
 * <p>Engine loop only; webrtc-java work goes to the RTC thread. Lives as long as its room session.
 */
final class MeshRoute implements PublishRoute {
    private final LocalMedia media;
    private final RoomPort room;
    private final SendConnections connections;

    /** @param onClose told of every connection that closes, before it does */
    MeshRoute(LocalMedia media, RoomPort room, LinkConfiguration configuration, Consumer<PeerLink> onClose) {
        this.media = media;
        this.room = room;
        this.connections = new SendConnections(media, room, configuration, onClose, new SendConnections.Outcomes() {
            @Override
            public void connected(PeerLink link) {
                // back to PUBLISHING if a refused relay had interrupted the stream
                room.publicationAccepted(link.streamId());
            }

            @Override
            public void failed(PeerLink link) {
                // the player asks again
            }

            @Override
            public void relayRefused(PeerLink link) {
                // the player cannot tell by itself that this end has no relay: it asks again later
                Relay.send(room, link.streamId(), link.remoteUserId(), SignalKind.HANGUP, RemotePlays.RELAY_REFUSED);
                room.publicationInterrupted(link.streamId(), ErrorCode.ENGINE_RELAY_REFUSED.code());
            }
        });
    }

    @Override
    public void published(String streamId, PublishChannel channel, boolean resumed) {
        // nothing to open yet: each player asks for the stream
    }

    @Override
    public void stopped(String streamId) {
        connections.closeStream(streamId);
    }

    @Override
    public void onSignal(String streamId, String fromUserId, SignalKind kind, String payload) {
        media.loop().confinement().check();
        switch (kind) {
            case PLAY_REQUEST -> {
                PeerLink existing = connections.get(streamId, fromUserId);
                if (RemotePlays.ICE_RESTART.equals(payload) && existing != null) {
                    connections.restartIce(existing);
                } else {
                    PublishChannel channel = room.registeredChannel(streamId);
                    if (channel != null) {
                        connections.open(streamId, fromUserId, channel, false);
                    }
                }
            }
            case ANSWER -> {
                PeerLink link = connections.get(streamId, fromUserId);
                if (link != null) {
                    connections.accept(link, payload);
                }
            }
            case HANGUP -> {
                PeerLink link = connections.get(streamId, fromUserId);
                if (link != null) {
                    connections.remove(link);
                }
            }
            default -> {
                // offers and candidates are not for the publisher's side
            }
        }
    }

    @Override
    public boolean addCandidate(String streamId, String fromUserId, RTCIceCandidate candidate) {
        media.loop().confinement().check();
        return connections.addCandidate(streamId, fromUserId, candidate);
    }

    @Override
    public List<PeerLink> links(String streamId) {
        return connections.links(streamId);
    }

    @Override
    public void closeAll() {
        connections.closeAll();
    }
}
