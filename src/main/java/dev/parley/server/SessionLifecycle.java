package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.Push;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.protocol.Validation;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions from login to their end: login (with kick-out of an earlier session of the same
 * userID), resume on a new connection, logout, token renewal, and the presence and token-expiry
 * sweep.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class SessionLifecycle {
    /** Close code for a connection whose session ended on the server's side. */
    static final int CLOSE_SESSION_ENDED = 4000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerConfig config;
    private final RoomDirectory directory;
    private final PushDelivery delivery;
    private final StreamRegistry streams;
    private final SfuRelay sfu;
    private final Authenticator authenticator;
    private final Clock clock;
    private final TurnCredentials turn;

    SessionLifecycle(ServerConfig config, RoomDirectory directory, PushDelivery delivery, StreamRegistry streams,
                     SfuRelay sfu, Authenticator authenticator, Clock clock) {
        this.sfu = sfu;
        this.turn = config.turn() == null ? null : new TurnCredentials(config.turn());
        this.config = config;
        this.directory = directory;
        this.delivery = delivery;
        this.streams = streams;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /**
     * Logs a connection in. The room ID, user ID and name are taken in NFC from the start, so
     * every check, lookup, kick-out and roster sees one spelling of each; only the appSign proof
     * is checked over the user ID as the client sent it, since that is what it signed.
     */
    ServerMessage.Reply login(ClientConnection connection, ClientMessage.Login sent) {
        ClientMessage.Login request = inNfc(sent);
        Optional<ErrorCode> refusal = checkLogin(connection, request);
        if (refusal.isPresent()) {
            return ServerMessage.Ack.error(request.id(), refusal.get());
        }
        long now = clock.millis();
        Authenticator.Result auth = authenticator.login(request, sent.user().userId(), connection.nonce(), now);
        if (!auth.ok()) {
            return ServerMessage.Ack.error(request.id(), auth.error());
        }
        UserInfo user = withName(request.user());
        Room room = directory.room(request.appId(), request.roomId());
        Session previous = directory.sessionOfUser(request.appId(), user.userId());
        boolean sameRoom = previous != null && previous.room() == room;
        boolean takeover = sameRoom && previous.user().equals(user);
        if (room != null && room.members().size() - (sameRoom ? 1 : 0) >= room.maxMembers()) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_FULL);
        }
        Set<String> carried = new HashSet<>();
        if (previous != null) {
            carried = kickOut(previous, takeover, request.streams());
            // Removing the earlier session may have emptied and dropped the room.
            room = directory.room(request.appId(), request.roomId());
        }
        if (room == null) {
            int maxMembers = request.maxMemberCount() > 0 ? request.maxMemberCount() : config.defaultMaxMembers();
            room = new Room(request.appId(), request.roomId(), maxMembers, config.media().modeOf(request.appId()),
                    config.historySize(),
                    new SlidingWindowLimiter(dev.parley.protocol.Limits.MAX_BROADCASTS_PER_ROOM_PER_SECOND, 1000));
            directory.addRoom(room);
        }
        Session session = new Session(newSessionId(), request.appId(), user, room, request.userStatusNotify(),
                auth.privileges(), auth.tokenExpiresAtMillis(),
                new SlidingWindowLimiter(dev.parley.protocol.Limits.MAX_BROADCASTS_PER_USER_PER_SECOND, 1000), now);
        room.members().put(user.userId(), session);
        directory.addSession(session);
        session.attach(connection);
        connection.session(session);
        Room joined = room;
        if (!takeover) {
            delivery.deliver(room, new Audience.UserWatchersBut(user.userId()),
                    seq -> new ServerMessage.UserUpdate(joined.roomId(), seq, UpdateType.ADD, List.of(user)));
        }
        registerCarriedStreams(session, request.streams(), carried);
        LOG.info("{} logged in to room {} of app {} from {}", user.userId(), room.roomId(), room.appId(), connection.remote());
        List<UserInfo> others = new ArrayList<>();
        for (Session member : room.sessions()) {
            if (member != session) {
                others.add(member.user());
            }
        }
        return new ServerMessage.LoginAccepted(request.id(), 0, session.sessionId(), room.roomId(), room.seq(), others,
                new ArrayList<>(room.streams().values()), new ArrayList<>(room.extraInfo().values()),
                iceServers(session, now), config.heartbeatInterval().toMillis(), config.presenceTimeout().toMillis(),
                session.tokenExpiresAtMillis(), room.mediaMode());
    }

    private Optional<ErrorCode> checkLogin(ClientConnection connection, ClientMessage.Login request) {
        if (connection.session() != null) {
            return Optional.of(ErrorCode.ROOM_ALREADY_LOGGED_IN);
        }
        if (request.protocolVersion() != MessageCodec.PROTOCOL_VERSION) {
            return Optional.of(ErrorCode.COMMON_UNSUPPORTED_PROTOCOL);
        }
        if (request.user() == null) {
            return Optional.of(ErrorCode.ROOM_INVALID_USER_ID);
        }
        return Validation.roomId(request.roomId())
                .or(() -> Validation.userId(request.user().userId()))
                .or(() -> Validation.userName(request.user().userName()));
    }

    private static ClientMessage.Login inNfc(ClientMessage.Login login) {
        return new ClientMessage.Login(login.id(), login.protocolVersion(), login.appId(),
                Normalization.nfc(login.roomId()), Normalization.nfc(login.user()), login.userStatusNotify(),
                login.maxMemberCount(), login.token(), login.proof(), login.streams());
    }

    private static UserInfo withName(UserInfo user) {
        String name = user.userName() == null || user.userName().isEmpty() ? user.userId() : user.userName();
        return new UserInfo(user.userId(), name);
    }

    /**
     * Ends an earlier session of the same userID. When the new login takes over in the same room,
     * the user stays listed, and streams the new login re-registers carry over without a DELETE.
     *
     * @return the stream IDs that carry over
     */
    private Set<String> kickOut(Session previous, boolean takeover, List<StreamInfo> reRegistered) {
        delivery.direct(previous, new ServerMessage.KickedOut(previous.room().roomId(), 0,
                ErrorCode.ROOM_KICKED_OUT.code(), "The same user logged in elsewhere."));
        ClientConnection old = previous.connection();
        if (old != null) {
            old.session(null);
            previous.detach();
            delivery.close(old, CLOSE_SESSION_ENDED, "kicked out");
        }
        LOG.info("{} kicked out of room {}: logged in again", previous.user().userId(), previous.room().roomId());
        if (!takeover) {
            remove(previous);
            return Set.of();
        }
        Set<String> carried = new HashSet<>();
        for (StreamInfo stream : reRegistered) {
            if (previous.publishedStreamIds().contains(stream.streamId())) {
                carried.add(stream.streamId());
            }
        }
        List<String> dropped = new ArrayList<>(previous.publishedStreamIds());
        dropped.removeAll(carried);
        streams.removeStreams(previous, dropped);
        for (String streamId : carried) {
            directory.removeStreamOwner(previous.appId(), streamId, previous);
            previous.room().streams().remove(streamId);
        }
        previous.room().members().remove(previous.user().userId(), previous);
        directory.removeSession(previous);
        sfu.sessionRemoved(previous);
        return carried;
    }

    private void registerCarriedStreams(Session session, List<StreamInfo> requested, Set<String> carried) {
        List<StreamInfo> added = new ArrayList<>();
        List<StreamInfo> lost = new ArrayList<>();
        for (StreamInfo wanted : requested) {
            StreamInfo stream = new StreamInfo(wanted.streamId(), session.user(),
                    wanted.channel() == null ? dev.parley.protocol.PublishChannel.MAIN : wanted.channel(),
                    wanted.extraInfo() == null ? "" : wanted.extraInfo(), wanted.audio(), wanted.video());
            if (streams.checkPublish(session, stream).isEmpty()) {
                streams.register(session, stream);
                if (!carried.contains(stream.streamId())) {
                    added.add(stream);
                }
            } else if (carried.contains(stream.streamId())) {
                // the room saw it live; it may no longer be, so the room must hear that it ended
                lost.add(stream);
            }
        }
        Room room = session.room();
        if (!lost.isEmpty()) {
            delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                    seq -> new ServerMessage.StreamUpdate(room.roomId(), seq, UpdateType.DELETE, lost));
        }
        if (!added.isEmpty()) {
            delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                    seq -> new ServerMessage.StreamUpdate(room.roomId(), seq, UpdateType.ADD, added));
        }
    }

    ServerMessage.Reply resume(ClientConnection connection, ClientMessage.Resume request) {
        if (connection.session() != null) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_ALREADY_LOGGED_IN);
        }
        Session session = directory.sessionById(request.sessionId());
        if (session == null) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_SESSION_EXPIRED);
        }
        Room room = session.room();
        Optional<List<Push>> missed = room.history().since(request.lastSeq(), room.seq(), session);
        if (missed.isEmpty()) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_SESSION_EXPIRED);
        }
        ClientConnection old = session.connection();
        if (old != null && old != connection) {
            old.session(null);
            delivery.close(old, CLOSE_SESSION_ENDED, "resumed on another connection");
        }
        session.attach(connection);
        session.heard(clock.millis());
        connection.session(session);
        LOG.info("{} resumed in room {} with {} missed pushes", session.user().userId(), room.roomId(), missed.get().size());
        return new ServerMessage.ResumeAccepted(request.id(), 0, missed.get(), iceServers(session, clock.millis()));
    }

    ErrorCode logout(ClientConnection connection, Session session) {
        connection.session(null);
        session.detach();
        remove(session);
        LOG.info("{} logged out of room {}", session.user().userId(), session.room().roomId());
        return ErrorCode.SUCCESS;
    }

    /**
     * Gives the session a new token. Every refusal is {@link ErrorCode#ROOM_TOKEN_RENEW_FAILED},
     * whatever the token's fault, with that fault's own code at the end of the reply's message;
     * the session keeps its current token and expiry.
     */
    ServerMessage.Ack renewToken(Session session, ClientMessage.RenewToken request) {
        Authenticator.Result auth = authenticator.checkToken(request.token(), session.appId(),
                session.user().userId(), session.room().roomId(), clock.millis());
        if (!auth.ok()) {
            LOG.info("{} in room {}: token renewal refused: {}", session.user().userId(), session.room().roomId(),
                    auth.error());
            ErrorCode refused = ErrorCode.ROOM_TOKEN_RENEW_FAILED;
            return new ServerMessage.Ack(request.id(), refused.code(),
                    refused.message() + " Cause: " + auth.error().describe());
        }
        session.renew(auth.privileges(), auth.tokenExpiresAtMillis());
        return ServerMessage.Ack.ok(request.id());
    }

    /** A connection closed: its session waits for a resume until the presence timeout. */
    void connectionClosed(ClientConnection connection) {
        Session session = connection.session();
        if (session != null && session.connection() == connection) {
            session.detach();
            LOG.info("{} lost its connection to room {}; holding the session", session.user().userId(),
                    session.room().roomId());
        }
        connection.session(null);
    }

    /**
     * Ends silent sessions and expired tokens, and warns of tokens about to expire.
     *
     * @return when the next of these falls due for the sessions there are now, in clock millis
     *         ({@link Long#MAX_VALUE} when nothing is due)
     */
    long sweep() {
        long now = clock.millis();
        long timeout = config.presenceTimeout().toMillis();
        long nextDue = Long.MAX_VALUE;
        for (Session session : new ArrayList<>(directory.sessions())) {
            long expiresAt = session.tokenExpiresAtMillis();
            if (now - session.lastHeardMillis() > timeout) {
                end(session, ErrorCode.ROOM_HEARTBEAT_TIMEOUT);
                continue;
            } else if (expiresAt > 0 && now >= expiresAt) {
                end(session, ErrorCode.ROOM_TOKEN_EXPIRED);
                continue;
            } else if (expiresAt > 0 && !session.tokenWarned() && session.connection() != null
                    && expiresAt - now <= config.tokenWarning().toMillis()) {
                // A client away for a resume is warned once it is back.
                session.tokenWarned(true);
                long secondsLeft = Math.max(0, (expiresAt - now + 999) / 1000);
                delivery.direct(session, new ServerMessage.TokenWillExpire(session.room().roomId(), 0, secondsLeft));
            }
            if (session.turnRefreshAtMillis() > 0 && now >= session.turnRefreshAtMillis() && session.connection() != null) {
                delivery.direct(session, new ServerMessage.IceServersUpdate(session.room().roomId(), 0,
                        iceServers(session, now)));
            }
            if (session.turnRefreshAtMillis() > 0) {
                nextDue = Math.min(nextDue, Math.max(session.turnRefreshAtMillis(), now + 1));
            }
            nextDue = Math.min(nextDue, session.lastHeardMillis() + timeout + 1);
            if (expiresAt > 0) {
                nextDue = Math.min(nextDue, session.tokenWarned() ? expiresAt : expiresAt - config.tokenWarning().toMillis());
            }
        }
        return nextDue;
    }

    /** The static ICE servers and, with TURN configured, fresh credentials for this session's user. */
    private List<IceServer> iceServers(Session session, long now) {
        if (turn == null) {
            return config.iceServers();
        }
        List<IceServer> servers = new ArrayList<>(config.iceServers());
        servers.add(turn.mint(session.user().userId(), now));
        session.turnRefreshAtMillis(turn.refreshAtMillis(now));
        return servers;
    }

    /** Tells every connected client that the server is going away. */
    void shutdown() {
        for (Session session : new ArrayList<>(directory.sessions())) {
            delivery.direct(session, new ServerMessage.KickedOut(session.room().roomId(), 0,
                    ErrorCode.ROOM_SERVER_SHUTDOWN.code(), ErrorCode.ROOM_SERVER_SHUTDOWN.message()));
        }
    }

    private void end(Session session, ErrorCode reason) {
        LOG.info("{} removed from room {}: {}", session.user().userId(), session.room().roomId(), reason);
        ClientConnection connection = session.connection();
        if (connection != null) {
            delivery.direct(session, new ServerMessage.KickedOut(session.room().roomId(), 0, reason.code(), reason.message()));
            connection.session(null);
            session.detach();
            delivery.close(connection, CLOSE_SESSION_ENDED, reason.name());
        }
        remove(session);
    }

    /** Takes a session out of its room: user DELETE, then its streams' DELETE; drops an empty room. */
    private void remove(Session session) {
        Room room = session.room();
        if (!room.members().remove(session.user().userId(), session)) {
            return;
        }
        directory.removeSession(session);
        UserInfo user = session.user();
        delivery.deliver(room, new Audience.UserWatchersBut(user.userId()),
                seq -> new ServerMessage.UserUpdate(room.roomId(), seq, UpdateType.DELETE, List.of(user)));
        streams.removeStreams(session, new ArrayList<>(session.publishedStreamIds()));
        sfu.sessionRemoved(session);
        for (Session member : room.sessions()) {
            member.playingStreamIds().removeIf(id -> !room.streams().containsKey(id));
        }
        if (room.members().isEmpty()) {
            directory.removeRoom(room);
            sfu.roomRemoved(room);
        }
    }

    private static String newSessionId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
