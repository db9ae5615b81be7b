package dev.parley.engine.internal.media;

import dev.parley.engine.PublishChannel;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.SignalKind;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What a room's media needs from its room session, which implements it: whether the room is
 * connected, who publishes a stream, this client's registered publications, and the server's
 * relay for negotiation messages. The room layer calls media; media reaches the room only through
 * this.
 *
 * <p>Engine loop only.
 */
public interface RoomPort {
    /** Whether the session is logged in and its connection is up. */
    boolean connected();

    /** The user who publishes {@code streamId} as this client knows the room, or null. */
    String publisherOf(String streamId);

    /** The streams this client publishes that the server registered and that are PUBLISHING. */
    List<String> publishedStreamIds();

    /** The channel of this client's registered publication {@code streamId}, or null when there is none. */
    PublishChannel registeredChannel(String streamId);

    /** Sends a negotiation message to {@code toUserId} through the server; {@code onCode} gets the reply's code. */
    void relay(String streamId, String toUserId, SignalKind kind, String payload, IntConsumer onCode);

    /**
     * The media server accepted this client's publication {@code streamId} (an SFU room), or a
     * connection of an interrupted one came up (a mesh): it is PUBLISHING.
     */
    void publicationAccepted(String streamId);

    /**
     * This client's publication {@code streamId} cannot reach its players now, for the reason
     * {@code code} (the media server lost it, or the TURN relay refused the credentials); it is
     * being offered again.
     */
    void publicationInterrupted(String streamId, int code);

    /** Asks the server for a simulcast layer of a stream played here (SFU rooms). */
    void setPlayLayer(String streamId, PlayLayer layer);
}
