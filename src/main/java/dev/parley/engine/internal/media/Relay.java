package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.parley.protocol.SignalKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends negotiation messages that need no answer (descriptions, candidates, hangups) through the room. Stateless. */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private Relay() {
    }

    /** Sends a connection's local candidate, or the end of its candidates ({@code candidate} null), to its peer. */
    static void sendCandidate(RoomPort room, PeerLink link, RTCIceCandidate candidate) {
        send(room, link.streamId(), link.remoteUserId(), SignalKind.ICE_CANDIDATE,
                candidate == null ? CandidateCodec.END_OF_CANDIDATES : CandidateCodec.encode(candidate));
    }

    /** Sends the message if the room is connected; a refusal is only logged, as the peer's state will say more. */
    static void send(RoomPort room, String streamId, String toUserId, SignalKind kind, String payload) {
        if (!room.connected()) {
            return;
        }
        room.relay(streamId, toUserId, kind, payload, code -> {
            if (code != 0) {
                LOG.debug("relay {} for {} to {} refused: {}", kind, streamId, toUserId, code);
            }
        });
    }
}
