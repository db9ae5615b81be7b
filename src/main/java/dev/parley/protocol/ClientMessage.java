package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Requests from a client to the room server. Every request carries a positive {@code id} that the
 * reply echoes. On the wire each is one JSON object whose {@code type} names the record.
 *
 * <p>All records are immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Login.class, name = "login"),
        @JsonSubTypes.Type(value = ClientMessage.Resume.class, name = "resume"),
        @JsonSubTypes.Type(value = ClientMessage.Logout.class, name = "logout"),
        @JsonSubTypes.Type(value = ClientMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = ClientMessage.RenewToken.class, name = "renewToken"),
        @JsonSubTypes.Type(value = ClientMessage.Publish.class, name = "publish"),
        @JsonSubTypes.Type(value = ClientMessage.StopPublish.class, name = "stopPublish"),
        @JsonSubTypes.Type(value = ClientMessage.SetStreamExtraInfo.class, name = "setStreamExtraInfo"),
        @JsonSubTypes.Type(value = ClientMessage.SetStreamMedia.class, name = "setStreamMedia"),
        @JsonSubTypes.Type(value = ClientMessage.SetRoomExtraInfo.class, name = "setRoomExtraInfo"),
        @JsonSubTypes.Type(value = ClientMessage.SendBroadcast.class, name = "sendBroadcast"),
        @JsonSubTypes.Type(value = ClientMessage.SendCustomCommand.class, name = "sendCustomCommand"),
        @JsonSubTypes.Type(value = ClientMessage.RelaySignal.class, name = "relaySignal"),
        @JsonSubTypes.Type(value = ClientMessage.QueryRoomUsers.class, name = "queryRoomUsers"),
        @JsonSubTypes.Type(value = ClientMessage.SetPlayLayer.class, name = "setPlayLayer"),
})
public sealed interface ClientMessage {

    /** The request ID, echoed in the reply. */
    long id();

    /**
     * Logs in to a room. Authenticates with either {@code token} or {@code proof}.
     *
     * @param streams streams to register at once, used when a client logs in again after the
     *                server lost its session, so that others see no gap; usually empty
     */
    record Login(long id, int protocolVersion, long appId, String roomId, UserInfo user, boolean userStatusNotify,
                 int maxMemberCount, String token, AppSignProof proof, List<StreamInfo> streams) implements ClientMessage {
        public Login {
            streams = streams == null ? List.of() : List.copyOf(streams);
        }
    }

    /** Reattaches a new connection to a session that the server still holds. */
    record Resume(long id, String sessionId, long lastSeq) implements ClientMessage {
    }

    record Logout(long id) implements ClientMessage {
    }

    record Heartbeat(long id) implements ClientMessage {
    }

    record RenewToken(long id, String token) implements ClientMessage {
    }

    record Publish(long id, String streamId, PublishChannel channel, String extraInfo, boolean audio, boolean video)
            implements ClientMessage {
    }

    record StopPublish(long id, String streamId) implements ClientMessage {
    }

    record SetStreamExtraInfo(long id, String streamId, String extraInfo) implements ClientMessage {
    }

    /** Announces that a published stream's audio or video was turned off or on (mute, camera off). */
    record SetStreamMedia(long id, String streamId, boolean audio, boolean video) implements ClientMessage {
    }

    record SetRoomExtraInfo(long id, String key, String value) implements ClientMessage {
    }

    record SendBroadcast(long id, String message) implements ClientMessage {
    }

    record SendCustomCommand(long id, List<String> toUserIds, String command) implements ClientMessage {
        public SendCustomCommand {
            toUserIds = toUserIds == null ? List.of() : List.copyOf(toUserIds);
        }
    }

    /**
     * Media negotiation for one stream. In a mesh room a player sends to the stream's publisher
     * and the publisher answers one of its players; in an SFU room both send to the media server
     * ({@code toUserId} {@link MediaMode#MEDIA_SERVER_PEER}), the publisher offering its stream
     * and a player asking to play it.
     */
    record RelaySignal(long id, String streamId, String toUserId, SignalKind kind, String payload) implements ClientMessage {
    }

    /**
     * Asks who is in one room of an app, without logging in: for a client that wants to know
     * whether its user ID is taken before it logs in with it (which would end that session).
     * Authenticated like {@link Login}, with {@code token} or {@code proof} for {@code userId};
     * allowed with or without a session on the connection. The reply is
     * {@link ServerMessage.RoomUsers}.
     */
    record QueryRoomUsers(long id, int protocolVersion, long appId, String roomId, String userId, String token,
                          AppSignProof proof) implements ClientMessage {
    }

    /** In an SFU room, chooses the simulcast layer this client receives of a stream it plays. */
    record SetPlayLayer(long id, String streamId, PlayLayer layer) implements ClientMessage {
    }
}
