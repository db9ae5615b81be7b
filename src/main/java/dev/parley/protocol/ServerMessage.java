package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Messages from the room server to a client: the greeting, replies to requests, and pushes.
 *
 * <p>All records are immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ServerMessage.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = ServerMessage.LoginAccepted.class, name = "loginAccepted"),
        @JsonSubTypes.Type(value = ServerMessage.ResumeAccepted.class, name = "resumeAccepted"),
        @JsonSubTypes.Type(value = ServerMessage.BroadcastSent.class, name = "broadcastSent"),
        @JsonSubTypes.Type(value = ServerMessage.RoomUsers.class, name = "roomUsers"),
        @JsonSubTypes.Type(value = ServerMessage.Redirect.class, name = "redirect"),
        @JsonSubTypes.Type(value = ServerMessage.UserUpdate.class, name = "userUpdate"),
        @JsonSubTypes.Type(value = ServerMessage.StreamUpdate.class, name = "streamUpdate"),
        @JsonSubTypes.Type(value = ServerMessage.StreamExtraInfoUpdate.class, name = "streamExtraInfoUpdate"),
        @JsonSubTypes.Type(value = ServerMessage.StreamMediaUpdate.class, name = "streamMediaUpdate"),
        @JsonSubTypes.Type(value = ServerMessage.RoomExtraInfoUpdate.class, name = "roomExtraInfoUpdate"),
        @JsonSubTypes.Type(value = ServerMessage.BroadcastReceived.class, name = "broadcastReceived"),
        @JsonSubTypes.Type(value = ServerMessage.CustomCommandReceived.class, name = "customCommandReceived"),
        @JsonSubTypes.Type(value = ServerMessage.SignalReceived.class, name = "signalReceived"),
        @JsonSubTypes.Type(value = ServerMessage.TokenWillExpire.class, name = "tokenWillExpire"),
        @JsonSubTypes.Type(value = ServerMessage.IceServersUpdate.class, name = "iceServersUpdate"),
        @JsonSubTypes.Type(value = ServerMessage.KickedOut.class, name = "kickedOut"),
})
public sealed interface ServerMessage {

    /** Sent once when a connection opens: the nonce to sign for appSign login. */
    record Welcome(int protocolVersion, String nonce, long serverTime) implements ServerMessage {
    }

    /** A reply to a request; {@code code} is 0 on success, else an {@link ErrorCode} value. */
    sealed interface Reply extends ServerMessage {
        long id();

        int code();
    }

    /** A plain reply. */
    record Ack(long id, int code, String message) implements Reply {
        public static Ack ok(long id) {
            return new Ack(id, 0, null);
        }

        public static Ack error(long id, ErrorCode error) {
            return new Ack(id, error.code(), error.message());
        }
    }

    /**
     * A successful login: everything a client needs to start. {@code seq} is the room's sequence
     * number at this moment; pushes that follow carry higher numbers. {@code mediaMode} says how
     * the room carries media.
     */
    record LoginAccepted(long id, int code, String sessionId, String roomId, long seq, List<UserInfo> users,
                         List<StreamInfo> streams, List<RoomExtraInfo> roomExtraInfo, List<IceServer> iceServers,
                         long heartbeatIntervalMs, long sessionTimeoutMs, long tokenExpiresAt, MediaMode mediaMode)
            implements Reply {
        public LoginAccepted {
            users = List.copyOf(users);
            streams = List.copyOf(streams);
            roomExtraInfo = List.copyOf(roomExtraInfo);
            iceServers = List.copyOf(iceServers);
        }
    }

    /**
     * A successful resume, with the pushes the client missed, oldest first, and the ICE servers
     * to use from now on (TURN credentials are minted anew at each resume).
     */
    record ResumeAccepted(long id, int code, List<Push> missed, List<IceServer> iceServers) implements Reply {
        public ResumeAccepted {
            missed = List.copyOf(missed);
            iceServers = List.copyOf(iceServers);
        }
    }

    /** The reply to a broadcast, with the ID the server gave the message. */
    record BroadcastSent(long id, int code, long messageId) implements Reply {
    }

    /**
     * The reply to {@link ClientMessage.QueryRoomUsers}: the user IDs in the room now (empty when
     * the room does not exist), and whether the asking user ID has a session anywhere in the app,
     * so that logging in with it would end that session.
     */
    record RoomUsers(long id, int code, String roomId, List<String> userIds, boolean userIdInUse) implements Reply {
        public RoomUsers {
            userIds = List.copyOf(userIds);
        }
    }

    /**
     * The reply to a login, resume or room-users query sent to a server node that does not hold
     * the room (or the session): {@code url} is the node that does, and {@code code} is
     * {@link ErrorCode#ROOM_REDIRECTED}. The client connects to {@code url} and sends the same
     * request there (a new login is signed over that node's nonce); nothing happened on this node.
     */
    record Redirect(long id, int code, String url) implements Reply {
        public static Redirect to(long id, String url) {
            return new Redirect(id, ErrorCode.ROOM_REDIRECTED.code(), url);
        }
    }

    /** Something that happened in the room; {@code seq} rises by room. */
    sealed interface Push extends ServerMessage {
        String roomId();

        long seq();
    }

    record UserUpdate(String roomId, long seq, UpdateType updateType, List<UserInfo> users) implements Push {
        public UserUpdate {
            users = List.copyOf(users);
        }
    }

    record StreamUpdate(String roomId, long seq, UpdateType updateType, List<StreamInfo> streams) implements Push {
        public StreamUpdate {
            streams = List.copyOf(streams);
        }
    }

    record StreamExtraInfoUpdate(String roomId, long seq, List<StreamInfo> streams) implements Push {
        public StreamExtraInfoUpdate {
            streams = List.copyOf(streams);
        }
    }

    /** A stream's audio or video was turned off or on by its publisher. */
    record StreamMediaUpdate(String roomId, long seq, StreamInfo stream) implements Push {
    }

    record RoomExtraInfoUpdate(String roomId, long seq, List<RoomExtraInfo> infos) implements Push {
        public RoomExtraInfoUpdate {
            infos = List.copyOf(infos);
        }
    }

    record BroadcastReceived(String roomId, long seq, long messageId, UserInfo fromUser, String message, long sendTime)
            implements Push {
    }

    record CustomCommandReceived(String roomId, long seq, UserInfo fromUser, String command) implements Push {
    }

    record SignalReceived(String roomId, long seq, String streamId, String fromUserId, SignalKind kind, String payload)
            implements Push {
    }

    /**
     * The ICE servers to use from now on, sent to one client before its TURN credentials lapse;
     * connections already up keep what they have until they next gather candidates.
     */
    record IceServersUpdate(String roomId, long seq, List<IceServer> iceServers) implements Push {
        public IceServersUpdate {
            iceServers = List.copyOf(iceServers);
        }
    }

    record TokenWillExpire(String roomId, long seq, long secondsLeft) implements Push {
    }

    /**
     * The session ended on the server's side; the connection closes after this. {@code url}, when
     * present, is the server node to log in to again at once: sent with
     * {@link ErrorCode#ROOM_SERVER_SHUTDOWN} when this node drains, and with
     * {@link ErrorCode#ROOM_MOVED} when another node took the room over.
     */
    record KickedOut(String roomId, long seq, int code, String reason, String url) implements Push {
        /** A notice with no node to move to. */
        public KickedOut(String roomId, long seq, int code, String reason) {
            this(roomId, seq, code, reason, null);
        }
    }
}
