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
import dev.parley.server.cluster.Cluster;
import dev.parley.server.cluster.DrainPlan;
import dev.parley.server.cluster.RoomClaim;
import dev.parley.server.cluster.RoomKey;
import dev.parley.server.cluster.StreamClaim;
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
 * sweep. With other nodes ({@link Cluster#shared()}), a login for a room that is not here first
 * claims it, and is redirected when another node holds it; a resume of another node's session is
 * redirected there; a login elsewhere ends the same user's session here; a room another node took
 * over is sent there.
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
    private final Cluster cluster;
    private final RoomClaims claims;
    /** Set once this node has left the others: logins and resumes are no longer taken. */
    private boolean draining;

    SessionLifecycle(ServerConfig config, RoomDirectory directory, PushDelivery delivery, StreamRegistry streams,
                     SfuRelay sfu, Authenticator authenticator, Clock clock, Cluster cluster) {
        this.cluster = cluster;
        this.claims = new RoomClaims(cluster, directory);
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
     *
     * @return the reply, or null when it goes to the connection later, once the other nodes have
     *         answered (a {@link ServerMessage.Redirect} when another node holds the room)
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
        Set<String> requested = new HashSet<>();
        request.streams().forEach(stream -> requested.add(stream.streamId()));
        if (!cluster.shared()) {
            return admit(connection, request, auth, requested);
        }
        if (draining) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_SERVER_SHUTDOWN);
        }
        if (directory.room(request.appId(), request.roomId()) != null && requested.isEmpty()) {
            return admit(connection, request, auth, requested);
        }
        // the room is not here yet, or the login carries streams: ask the other nodes first
        connection.loginPending(true);
        List<StreamClaim> carried = new ArrayList<>();
        for (String streamId : requested) {
            carried.add(new StreamClaim(request.appId(), streamId, request.user().userId()));
        }
        claims.claim(new RoomKey(request.appId(), request.roomId()), carried, claim -> {
            connection.loginPending(false);
            if (connection.closed()) {
                return;
            }
            ServerMessage.Reply reply;
            if (claim instanceof RoomClaim.Here here) {
                reply = admit(connection, request, auth, here.grantedStreams());
            } else if (claim instanceof RoomClaim.Elsewhere elsewhere) {
                LOG.info("{} sent to node {} for room {} of app {}", request.user().userId(), elsewhere.nodeId(),
                        request.roomId(), request.appId());
                reply = ServerMessage.Redirect.to(request.id(), elsewhere.url());
            } else {
                reply = ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_SERVER_SHUTDOWN);
            }
            delivery.reply(connection, reply);
        });
        return null;
    }

    /**
     * Logs a checked and authenticated login in to its room on this node, with the carried streams
     * in {@code granted} (the others are live elsewhere).
     */
    private ServerMessage.Reply admit(ClientConnection connection, ClientMessage.Login request, Authenticator.Result auth,
                                      Set<String> granted) {
        long now = clock.millis();
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
        cluster.userJoined(session.claim());
        registerCarriedStreams(session, request.streams(), carried, granted);
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
        if (connection.session() != null || connection.loginPending()) {
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
        cluster.userLeft(previous.claim());
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

    private void registerCarriedStreams(Session session, List<StreamInfo> requested, Set<String> carried,
                                        Set<String> granted) {
        List<StreamInfo> added = new ArrayList<>();
        List<StreamInfo> lost = new ArrayList<>();
        for (StreamInfo wanted : requested) {
            StreamInfo stream = new StreamInfo(wanted.streamId(), session.user(),
                    wanted.channel() == null ? dev.parley.protocol.PublishChannel.MAIN : wanted.channel(),
                    wanted.extraInfo() == null ? "" : wanted.extraInfo(), wanted.audio(), wanted.video());
            if (granted.contains(stream.streamId()) && streams.checkPublish(session, stream).isEmpty()) {
                streams.register(session, stream);
                if (!carried.contains(stream.streamId())) {
                    added.add(stream);
                }
            } else if (granted.contains(stream.streamId()) && cluster.shared()) {
                // claimed across the nodes for this login, then refused here: let the claim go
                cluster.releaseStream(StreamRegistry.claim(session, stream.streamId()));
                if (carried.contains(stream.streamId())) {
                    lost.add(stream);
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

    /** Resumes a held session; null when the reply goes to the connection later (see {@link #login}). */
    ServerMessage.Reply resume(ClientConnection connection, ClientMessage.Resume request) {
        if (connection.session() != null || connection.loginPending()) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_ALREADY_LOGGED_IN);
        }
        Session session = directory.sessionById(request.sessionId());
        if (session == null || draining) {
            String node = nodeOfSession(request.sessionId());
            if (!draining && node != null && !node.equals(cluster.nodeId())) {
                // a session of another node: send the client there while that node lives
                connection.loginPending(true);
                cluster.locateNode(node, url -> {
                    connection.loginPending(false);
                    if (!connection.closed()) {
                        delivery.reply(connection, url.<ServerMessage.Reply>map(u -> ServerMessage.Redirect.to(request.id(), u))
                                .orElse(ServerMessage.Ack.error(request.id(), ErrorCode.ROOM_SESSION_EXPIRED)));
                    }
                });
                return null;
            }
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
        connection.closed(true);
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

    /**
     * Tells every connected client that the server is going away; with other nodes, also which
     * node to log in to at once (the same one for everyone in a room). From then on logins and
     * resumes are refused.
     */
    void shutdown(DrainPlan plan) {
        draining = cluster.shared();
        for (Session session : new ArrayList<>(directory.sessions())) {
            Room room = session.room();
            String target = plan.target(new RoomKey(room.appId(), room.roomId()));
            delivery.direct(session, new ServerMessage.KickedOut(room.roomId(), 0,
                    ErrorCode.ROOM_SERVER_SHUTDOWN.code(), ErrorCode.ROOM_SERVER_SHUTDOWN.message(), target));
        }
    }

    /**
     * Another node holds the room now: everyone in it here is told to log in there, and the room
     * is dropped here without telling anyone that anyone left (they all leave together).
     */
    void roomMoved(RoomKey key, String url) {
        Room room = directory.room(key.appId(), key.roomId());
        if (room == null) {
            return;
        }
        List<Session> members = new ArrayList<>(room.sessions());
        for (Session member : members) {
            delivery.direct(member, new ServerMessage.KickedOut(room.roomId(), 0, ErrorCode.ROOM_MOVED.code(),
                    ErrorCode.ROOM_MOVED.message(), url));
            ClientConnection connection = member.connection();
            if (connection != null) {
                connection.session(null);
                member.detach();
                delivery.close(connection, CLOSE_SESSION_ENDED, "room moved");
            }
            streams.forget(member);
            directory.removeSession(member);
            cluster.userLeft(member.claim());
            sfu.sessionRemoved(member);
        }
        room.members().clear();
        directory.removeRoom(room);
        sfu.roomRemoved(room);
        claims.dropped(room);
        LOG.info("room {} of app {} moved to {}: {} session(s) told to log in there", room.roomId(), room.appId(), url,
                members.size());
    }

    /** The user of this session logged in on another node: the session ends as after a kick-out. */
    void sessionTakenElsewhere(long appId, String sessionId) {
        Session session = directory.sessionById(sessionId);
        if (session == null || session.appId() != appId) {
            return;
        }
        LOG.info("{} kicked out of room {}: logged in on another node", session.user().userId(), session.room().roomId());
        end(session, ErrorCode.ROOM_KICKED_OUT);
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
        cluster.userLeft(session.claim());
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
            claims.dropped(room);
        }
    }

    /** A random session ID; with other nodes, followed by {@code .NODE_ID} so that any node knows where it lives. */
    private String newSessionId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String random = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return cluster.shared() ? random + "." + cluster.nodeId() : random;
    }

    /** The node a session ID names, or null for one without (base64url has no '.'). */
    private static String nodeOfSession(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        int dot = sessionId.lastIndexOf('.');
        return dot < 0 || dot == sessionId.length() - 1 ? null : sessionId.substring(dot + 1);
    }
}
