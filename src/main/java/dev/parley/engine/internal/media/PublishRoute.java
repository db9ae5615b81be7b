package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.parley.engine.PublishChannel;
import dev.parley.protocol.SignalKind;
import java.util.List;

/**
 * How this client's publications reach their players: the one seam between what is published and
 * the connections that carry it. {@link MeshRoute} holds a send-only connection per player, opened
 * when the player asks; a route through a media server would hold one per publication, whatever
 * the audience. Either way the local tracks come from {@link SendTracks}.
 *
 * <p>Engine loop only. One per room session.
 */
interface PublishRoute {
    /**
     * A publication is registered (again, after a reconnect); {@code resumed} when the server
     * kept this client's session, and so what it had set up for the stream.
     */
    void published(String streamId, PublishChannel channel, boolean resumed);

    /** A publication stopped: its connections go. */
    void stopped(String streamId);

    /** A negotiation message for a stream this client publishes: PLAY_REQUEST, ANSWER or HANGUP. */
    void onSignal(String streamId, String fromUserId, SignalKind kind, String payload);

    /** Adds a remote candidate to the connection for {@code streamId} with {@code fromUserId}; false when there is none. */
    boolean addCandidate(String streamId, String fromUserId, RTCIceCandidate candidate);

    /** The connections that carry {@code streamId} now, for its quality reports. */
    List<? extends StatsSource> links(String streamId);

    /** The room session ended: every connection closes. */
    void closeAll();
}
