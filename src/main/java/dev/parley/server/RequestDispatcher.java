package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.Ack;
import java.time.Clock;

/**
 * Routes each decoded request to the part of the room logic that handles it, and turns the
 * outcome into a reply. Requests other than login, resume and the room-users query need a session.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class RequestDispatcher {
    private final SessionLifecycle sessions;
    private final StreamRegistry streams;
    private final RoomMessaging messaging;
    private final RoomUsersQuery roomUsers;
    private final SfuRelay sfu;
    private final Clock clock;

    RequestDispatcher(SessionLifecycle sessions, StreamRegistry streams, RoomMessaging messaging, RoomUsersQuery roomUsers,
                      SfuRelay sfu, Clock clock) {
        this.sessions = sessions;
        this.streams = streams;
        this.messaging = messaging;
        this.roomUsers = roomUsers;
        this.sfu = sfu;
        this.clock = clock;
    }

    /** Handles one request; returns its reply, or null when the reply goes to the connection later. */
    ServerMessage.Reply handle(ClientConnection connection, ClientMessage request) {
        long id = request.id();
        if (id <= 0) {
            return Ack.error(id, ErrorCode.COMMON_INVALID_FIELD);
        }
        if (request instanceof ClientMessage.Login login) {
            return sessions.login(connection, login);
        }
        if (request instanceof ClientMessage.Resume resume) {
            return sessions.resume(connection, resume);
        }
        if (request instanceof ClientMessage.QueryRoomUsers query) {
            return roomUsers.answer(connection, query);
        }
        Session session = connection.session();
        if (session == null) {
            return Ack.error(id, ErrorCode.COMMON_NOT_LOGGED_IN);
        }
        session.heard(clock.millis());
        if (request instanceof ClientMessage.SendBroadcast broadcast) {
            return messaging.broadcast(session, broadcast);
        }
        if (request instanceof ClientMessage.RenewToken renew) {
            return sessions.renewToken(session, renew);
        }
        if (request instanceof ClientMessage.Publish publish) {
            streams.publish(connection, session, publish);
            return null;
        }
        return ack(id, route(connection, session, request));
    }

    private ErrorCode route(ClientConnection connection, Session session, ClientMessage request) {
        if (request instanceof ClientMessage.Heartbeat) {
            return ErrorCode.SUCCESS;
        } else if (request instanceof ClientMessage.Logout) {
            return sessions.logout(connection, session);
        } else if (request instanceof ClientMessage.StopPublish stop) {
            return streams.stopPublish(session, stop.streamId());
        } else if (request instanceof ClientMessage.SetStreamMedia media) {
            return streams.setMedia(session, media);
        } else if (request instanceof ClientMessage.SetStreamExtraInfo extra) {
            return streams.setExtraInfo(session, extra);
        } else if (request instanceof ClientMessage.RelaySignal signal) {
            return streams.relay(session, signal);
        } else if (request instanceof ClientMessage.SetRoomExtraInfo extra) {
            return messaging.setRoomExtraInfo(session, extra);
        } else if (request instanceof ClientMessage.SendCustomCommand command) {
            return messaging.customCommand(session, command);
        } else if (request instanceof ClientMessage.SetPlayLayer layer) {
            return sfu.setLayer(session, layer);
        }
        return ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE;
    }

    private static ServerMessage.Reply ack(long id, ErrorCode outcome) {
        return outcome == ErrorCode.SUCCESS ? Ack.ok(id) : Ack.error(id, outcome);
    }
}
