package dev.parley.engine.internal.media;

import dev.parley.engine.Canvas;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.SignalKind;
import java.util.List;

/**
 * The media of one room session, as its room session drives it: the streams this client plays,
 * with their player states, and the connections that carry this client's publications to their
 * players. How a publication reaches its players (a connection per player in a mesh) is decided
 * inside; the room layer does not see it. See docs/architecture.md, "Media".
 *
 * <p>Engine loop only. Made by {@link EngineMedia#openRoom}; lives as long as its room session.
 */
public interface RoomMedia {
    /** The ICE servers the server gave at login, for the connections made from now on. */
    void iceServers(List<IceServer> servers);

    /** How the room carries media, as the login said: a mesh, or through the media server. */
    void mediaMode(MediaMode mode);

    /** Logged in or back after a reconnect: quality reports run, and waiting plays ask again. */
    void onRoomConnected();

    /**
     * Plays {@code streamId} into {@code canvas}, now or when the stream appears, receiving the
     * simulcast {@code layer} in SFU rooms; replaces an earlier play of it.
     */
    void startPlaying(String streamId, Canvas canvas, PlayLayer layer);

    /** Chooses the simulcast layer of a stream played here; a mesh stream has only one. */
    void setPlayLayer(String streamId, PlayLayer layer);

    void stopPlaying(String streamId);

    /** Other users' streams appeared in the room. */
    void onStreamsAdded(List<Stream> streams);

    /** Other users' streams left the room: their plays end with PLAYER_STREAM_NOT_FOUND. */
    void onStreamsDeleted(List<Stream> streams);

    /**
     * A publication of this client is registered; may come again after a reconnect. In a mesh it
     * is PUBLISHING at once; through the media server once {@link RoomPort#publicationAccepted}.
     */
    void onPublicationLive(String streamId, PublishChannel channel, boolean resumed);

    /** A publication of this client stopped: what carried it to its players goes. */
    void onPublicationStopped(String streamId);

    /** A negotiation message from another user about {@code streamId}, relayed by the server. */
    void onSignal(String streamId, String fromUserId, SignalKind kind, String payload);

    /** The room session ended: every connection closes; plays end with {@code code}. */
    void close(int code);
}
